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
