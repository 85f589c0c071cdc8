export type { IsoMlp, IsoMoments, IsoParamSet, IntrinsicLength, PsiMode } from '../../core/isotropic-mlp.js';
export { INTRINSIC_LENGTHS, PSI_MODES, hiddenCount } from '../../core/isotropic-mlp.js';
export { createIsoMlp, cloneIsoMlp, zeroMoments, orthogonal, ISO_MLP_DEFAULTS, type IsoMlpOptions } from './init.js';
export { svdFull } from './linalg.js';
export { rotateHidden, resizeHidden } from './rotate.js';
export { diagonaliseLeft, diagonaliseFull, diagonaliseAlternate, neuronSingularValues, checkLayer } from './diagonalise.js';
export {
  neurogenerate,
  neurodegenerate,
  autoAdapt,
  GENESIS_DEFAULTS,
  DEGENERATE_DEFAULTS,
  ADAPT_DEFAULTS,
  type GenesisOptions,
  type DegenerateOptions,
  type AdaptOptions,
} from './adapt.js';
export { resizeLayer, RESIZE_DEFAULTS, type ResizeOptions, type Diagonalisation } from './resize.js';
export { outputChange, logitAccuracy, type OutputChange } from './compare.js';
export { isotropicTanh, linearFactor } from './activation.js';
export { toTensors, disposeIsoTensors, readBack, isoForward, isoLogits, toAdamState, fromAdamState, type IsoTensors } from './mlp.js';
export { trainIsotropic, isoAccuracy, ISO_TRAIN_DEFAULTS, type IsoTrainOptions, type IsoTrainResult, type IsoEpoch } from './train.js';
