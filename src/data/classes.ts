import { ConfigError, prefix } from '../errors.js';
import type { Dataset, Split } from './dataset.js';
import { selectRows } from './transform.js';

const where = prefix('keepClasses');

function keep(split: Split, k: number): Split {
  const rows: number[] = [];
  for (let s = 0; s < split.n; s++) if (split.y[s] < k) rows.push(s);
  return selectRows(split, rows);
}

/**
 * The samples of the first `k` classes (labels 0..k−1), in their original order; `nClasses`
 * becomes k. A series of tasks of rising difficulty can be cut from one dataset this way.
 *
 * ```ts
 * const two = keepClasses(loadFashionMnist(), 2); // T-shirt/top vs trouser
 * ```
 */
export function keepClasses(ds: Dataset, k: number): Dataset {
  if (!Number.isInteger(k) || k < 2 || k > ds.nClasses) {
    throw new ConfigError(where(`classes must be an integer in [2, ${ds.nClasses}] for '${ds.name}', got ${k}. Pick fewer classes.`));
  }
  if (k === ds.nClasses) return ds;
  return { ...ds, name: `${ds.name}[${k} classes]`, nClasses: k, train: keep(ds.train, k), test: keep(ds.test, k) };
}

/**
 * Zero-pad every sample to `dIn` features (the extra features come last and are 0), so tasks
 * with fewer inputs can share one network's input neurons. Drops the image layout.
 *
 * ```ts
 * const padded = padFeatures(makeSpheres({ d: 10 }), 196); // padded.dIn === 196
 * ```
 */
export function padFeatures(ds: Dataset, dIn: number): Dataset {
  if (!Number.isInteger(dIn) || dIn < ds.dIn) {
    throw new ConfigError(where(`cannot pad '${ds.name}' (${ds.dIn} features) to ${dIn}. Give dIn ≥ ${ds.dIn}.`));
  }
  if (dIn === ds.dIn) return ds;
  const pad = (s: Split): Split => {
    const x = new Float32Array(s.n * dIn);
    for (let r = 0; r < s.n; r++) x.set(s.x.subarray(r * ds.dIn, (r + 1) * ds.dIn), r * dIn);
    return { n: s.n, x, y: s.y };
  };
  const { image: _image, ...rest } = ds;
  return { ...rest, dIn, train: pad(ds.train), test: pad(ds.test) };
}
