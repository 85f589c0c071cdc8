import { ConfigError, prefix } from '../errors.js';
import { createRng, type Rng } from '../util/rng.js';
import type { Dataset, Split } from './dataset.js';

export interface SpheresOptions {
  /** Dimension of the space. The paper uses 10. */
  d: number;
  nTrain: number;
  nTest: number;
  /** Shell radii [inner, outer]; class 0 is the inner shell. */
  radii: [number, number];
  /** Shell thickness: radius is uniform in [r, r + thickness]. 0 gives exact spheres. */
  thickness: number;
  seed: number;
}

export const SPHERES_DEFAULTS: SpheresOptions = {
  d: 10,
  nTrain: 4000,
  nTest: 1000,
  radii: [1, 1.5],
  thickness: 0.1,
  seed: 1,
};

const where = prefix('spheres');

function sampleSplit(n: number, o: SpheresOptions, rng: Rng): Split {
  const x = new Float32Array(n * o.d);
  const y = new Int32Array(n);
  const v = new Float64Array(o.d);
  for (let s = 0; s < n; s++) {
    const cls = s % 2;
    let norm = 0;
    for (let k = 0; k < o.d; k++) {
      v[k] = rng.normal();
      norm += v[k] * v[k];
    }
    norm = Math.sqrt(norm);
    // Uniform in the shell volume: r^d uniform between the inner and outer radius of the shell.
    const r0 = o.radii[cls];
    const r1 = r0 + o.thickness;
    const r = Math.pow(Math.pow(r0, o.d) + rng.next() * (Math.pow(r1, o.d) - Math.pow(r0, o.d)), 1 / o.d);
    for (let k = 0; k < o.d; k++) x[s * o.d + k] = (v[k] / norm) * r;
    y[s] = cls;
  }
  return { n, x, y };
}

/**
 * Two uniform concentric shells in d dimensions (paper Section 2), balanced classes. The
 * embedded default dataset.
 *
 * ```ts
 * const data = makeSpheres({ d: 10, nTrain: 4000, seed: 1 });
 * ```
 */
export function makeSpheres(options: Partial<SpheresOptions> = {}): Dataset {
  const o = { ...SPHERES_DEFAULTS, ...options };
  if (!Number.isInteger(o.d) || o.d < 1) throw new ConfigError(where(`d must be a positive integer, got ${o.d}.`));
  for (const k of ['nTrain', 'nTest'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new ConfigError(where(`${k} must be a positive integer, got ${o[k]}.`));
  }
  if (!(o.radii[0] > 0) || !(o.radii[1] > o.radii[0] + o.thickness)) {
    throw new ConfigError(where(`radii must satisfy 0 < inner and inner + thickness < outer, got ${o.radii}.`));
  }
  const rng = createRng(o.seed);
  return {
    name: `spheres-d${o.d}`,
    dIn: o.d,
    nClasses: 2,
    train: sampleSplit(o.nTrain, o, rng),
    test: sampleSplit(o.nTest, o, rng),
  };
}
