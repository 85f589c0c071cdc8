export type { Dataset, Split } from './dataset.js';
export { makeSpheres, SPHERES_DEFAULTS, type SpheresOptions } from './spheres.js';
export {
  IDX_DEFAULTS,
  loadIdxPair,
  parseIdx,
  readMaybeGzip,
  type IdxArray,
  type IdxOptions,
  type ImageShape,
  type ImageSplit,
} from './idx.js';
export { CIFAR_DEFAULTS, loadCifar10, type CifarOptions } from './cifar.js';
export {
  FASHION_MNIST_DEFAULTS,
  FASHION_MNIST_DIR,
  loadFashionMnist,
  type FashionMnistOptions,
} from './fashion-mnist.js';
export { resizeBilinear, resizeDataset } from './resize.js';
export {
  featureStats,
  normalize,
  NORMALIZATIONS,
  selectRows,
  splitTrainTest,
  standardizeSplit,
  subset,
  SPLIT_DEFAULTS,
  SUBSET_DEFAULTS,
  type FeatureStats,
  type Normalization,
  type SplitOptions,
  type SubsetOptions,
} from './transform.js';
export { loadDataSpec, type DataSpec } from './spec.js';
export { keepClasses, padFeatures } from './classes.js';
export { taskKind, taskShape, type Task, type RegressionDataset, type RegressionSplit, type SequenceDataset, type SequenceSplit } from './task.js';
export { makeBrackets, bracketStream, bracketText, BRACKET_DEFAULTS, BRACKET_SYMBOLS, type BracketKind, type BracketOptions } from './brackets.js';
export { makeBessel, besselJ0, minMax, splitRows, BESSEL_DEFAULTS, type BesselOptions } from './bessel.js';
export { makeSpirals, SPIRAL_DEFAULTS, type SpiralOptions } from './spirals.js';
export { loadTaskSpec } from './task-spec.js';
export { parseInputs, readInputs, INPUT_DEFAULTS, type InputOptions } from './inputs.js';
