import { refuseUnknownKeys } from '../util/keys.js';
import { ConfigError, prefix } from '../errors.js';
import type { Dataset } from './dataset.js';
import { makeSpheres } from './spheres.js';
import { makeSpirals } from './spirals.js';
import { loadFashionMnist } from './fashion-mnist.js';
import { loadCifar10 } from './cifar.js';
import { loadIdxPair } from './idx.js';
import { resizeDataset } from './resize.js';
import { keepClasses } from './classes.js';
import { normalize, splitTrainTest, subset, type Normalization } from './transform.js';

/** Everything needed to rebuild a dataset exactly (stored in the checkpoint for --resume). */
export interface DataSpec {
  /** `spheres`, `spirals` (N3's 5 classes), `fashion-mnist`, `idx:<images>,<labels>` or `cifar10:<dir>`. */
  dataset: string;
  seed: number;
  /** Training and test samples kept (spheres: generated). */
  nTrain?: number;
  nTest?: number;
  /** Spheres dimension. */
  d?: number;
  /** Spheres: inner radius of each class's shell, [class 0, class 1] (default [1, 1.5]). */
  radii?: [number, number];
  /** Spheres: shell thickness (default 0.1; 0 gives exact spheres). */
  thickness?: number;
  normalize: Normalization;
  /** CIFAR: keep RGB instead of the paper's grayscale. */
  color?: boolean;
  /** Resize images to this grid plane (X, Y) for geometric mode. */
  resize?: [number, number];
  /** Number of classes: IDX labels must lie in [0, classes) (default: max label + 1); other datasets keep their first `classes`. */
  classes?: number;
}

const where = prefix('dataset');

/** Every field of `DataSpec`: `loadDataSpec` refuses any other. */
export const DATA_SPEC_KEYS: readonly (keyof DataSpec)[] = ['dataset', 'seed', 'nTrain', 'nTest', 'd', 'radii', 'thickness', 'normalize', 'color', 'resize', 'classes'];

/**
 * Build the dataset a spec names: the embedded spheres, Fashion-MNIST from Debian's package, an
 * IDX pair, or a CIFAR-10 binary directory; then subset, normalise and resize.
 *
 * ```ts
 * const data = loadDataSpec({ dataset: 'spheres', seed: 1, normalize: 'none' });
 * ```
 */
export function loadDataSpec(spec: DataSpec): Dataset {
  refuseUnknownKeys(spec, DATA_SPEC_KEYS, 'data spec');
  const [kind, arg] = splitSpec(spec.dataset);
  let ds: Dataset;
  switch (kind) {
    case 'spheres':
      ds = makeSpheres({ d: spec.d ?? 10, nTrain: spec.nTrain ?? 4000, nTest: spec.nTest ?? 1000, seed: spec.seed, ...(spec.radii && { radii: spec.radii }), ...(spec.thickness !== undefined && { thickness: spec.thickness }) });
      break;
    case 'spirals':
      ds = makeSpirals({ seed: spec.seed, ...(spec.nTrain ? { n: Math.round(spec.nTrain / 0.8) } : {}) });
      break;
    case 'fashion-mnist':
      ds = loadFashionMnist(arg ? { dir: arg } : {});
      break;
    case 'cifar10':
      if (!arg) throw new ConfigError(where(`cifar10 needs a directory: --dataset cifar10:<dir>.`));
      ds = loadCifar10(arg, { grayscale: !spec.color });
      break;
    case 'idx': {
      const parts = (arg ?? '').split(',');
      if (parts.length !== 2 || !parts[0] || !parts[1]) {
        throw new ConfigError(where(`idx needs two files: --dataset idx:<images>,<labels>.`));
      }
      if (spec.classes !== undefined && (!Number.isInteger(spec.classes) || spec.classes < 2 || spec.classes > IDX_LABEL_LIMIT)) {
        throw new ConfigError(where(`classes must be an integer in [2, ${IDX_LABEL_LIMIT}] for IDX data, got ${spec.classes}. Pass --classes N with N ≥ 2.`));
      }
      const all = loadIdxPair(parts[0], parts[1], { nClasses: spec.classes ?? IDX_LABEL_LIMIT });
      const { train, test } = splitTrainTest(all, { seed: spec.seed });
      const nClasses = spec.classes ?? maxLabel(all.y) + 1;
      ds = { name: `idx:${parts[0]}`, dIn: all.image.height * all.image.width, nClasses, train, test, image: all.image };
      break;
    }
    default:
      throw new ConfigError(
        where(`unknown dataset '${spec.dataset}'. Use spheres, spirals, fashion-mnist, idx:<images>,<labels> or cifar10:<dir>.`),
      );
  }
  if (kind !== 'spheres' && (spec.radii !== undefined || spec.thickness !== undefined)) {
    throw new ConfigError(where(`--radii and --thickness shape the spheres data; '${spec.dataset}' takes neither. Drop them.`));
  }
  if (kind !== 'idx' && spec.classes !== undefined) ds = keepClasses(ds, spec.classes);
  if (kind !== 'spheres' && kind !== 'spirals' && (spec.nTrain !== undefined || spec.nTest !== undefined)) {
    ds = subset(ds, { train: spec.nTrain, test: spec.nTest, seed: spec.seed });
  }
  if (spec.resize) {
    if (!ds.image) throw new ConfigError(where(`--grid needs image data; '${spec.dataset}' has no pixel layout.`));
    if (ds.image.channels !== 1) {
      throw new ConfigError(where(`--grid embeds one value per input neuron; use grayscale images (drop --color).`));
    }
    ds = resizeDataset(ds, spec.resize[1], spec.resize[0]);
  }
  return normalize(ds, spec.normalize);
}

/** IDX labels are unsigned bytes: without `classes`, any byte is a label and the count comes from the data. */
const IDX_LABEL_LIMIT = 256;

function maxLabel(y: Int32Array): number {
  let m = 0;
  for (let s = 0; s < y.length; s++) if (y[s] > m) m = y[s];
  return m;
}

function splitSpec(s: string): [string, string | undefined] {
  const k = s.indexOf(':');
  return k < 0 ? [s, undefined] : [s.slice(0, k), s.slice(k + 1)];
}

/**
 * The spec to rebuild a trained model's data with: an IDX spec recorded before class counts were
 * stored takes the model's output count, so reloading never changes dOut.
 *
 * ```ts
 * const spec = specForModel({ dataset: 'idx:img.idx,lbl.idx', seed: 1, normalize: 'none' }, 2); // classes: 2
 * ```
 */
export function specForModel(spec: DataSpec, dOut: number): DataSpec {
  return typeof spec.dataset === 'string' && spec.dataset.startsWith('idx:') && spec.classes === undefined ? { ...spec, classes: dOut } : spec;
}
