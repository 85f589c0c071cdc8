import type { UrnConfig } from './config.js';
import type { Csr } from './csr.js';

export type { Csr };

/**
 * What `verify` measured: the exported model against the dense URN on stated data. Travels inside
 * the model file.
 *
 * ```ts
 * model.certificate = await verify(model, snapshot, data.test);
 * model.certificate.maxAbsError; model.certificate.argmaxAgreement;
 * ```
 */
export interface Certificate {
  /** The synapse threshold of the certified model: synapses with |W| ≤ threshold were dropped. */
  threshold: number;
  /** The form that was certified. */
  form: SparseModel['form'];
  /** Samples compared in all: `heldOut + synthetic`. */
  samples: number;
  /** Samples that came from the caller's data. */
  heldOut: number;
  /** Samples drawn around the caller's data (convex mixes and jittered copies), seeded. */
  synthetic: number;
  /** Seed of the synthetic samples. */
  seed: number;
  /** max over samples and logits of |sparse − dense|. */
  maxAbsError: number;
  /** max over samples of ‖sparse − dense‖∞ / max(‖dense‖∞, REL_ERROR_FLOOR). */
  maxRelError: number;
  /** Fraction of all samples on which the predicted class agrees (argmax; sign of the logit when dOut = 1). */
  argmaxAgreement: number;
  /** Accuracy of the dense URN on the labelled held-out samples (absent without labels). */
  accuracyDense?: number;
  /** Accuracy of the sparse model on the labelled held-out samples (absent without labels). */
  accuracySparse?: number;
  /** Synapses kept by the sparse model and nonzero synapses of the dense one. */
  keptSynapses: number;
  denseSynapses: number;
}

/** Fields every sparse form shares. */
interface SparseCommon {
  /** The config of the dense URN this model was exported from. */
  config: UrnConfig;
  /** Synapses with |W_ij| ≤ threshold were dropped. */
  threshold: number;
  certificate?: Certificate;
  /** An opaque, JSON-able topology report (from `src/topology`), carried along unchanged. */
  topology?: unknown;
}

/**
 * The replay form: the URN dynamics over the kept neurons and synapses, I iterations. Neuron c
 * of the compact model is neuron `neurons[c]` of the dense URN; its role (input, output) and
 * hence its residual term follow from that id.
 *
 * ```ts
 * const m = toReplay(snapshot, 1e-3);
 * const logits = predict(m, x, n);
 * ```
 */
export interface ReplayModel extends SparseCommon {
  form: 'replay';
  /** Dense id of each kept neuron, strictly increasing (length K). */
  neurons: Int32Array;
  /** Kept synapses, K×K, `W.values[k]` is the synapse colIdx[k] → row. */
  W: Csr;
  /** Bias of each kept neuron (length K). */
  b: Float32Array;
  /** Compact index of input feature k, or -1 when that feature cannot affect the outputs (length dIn). */
  inputIndex: Int32Array;
  /** Compact index of output k (length dOut). */
  outputIndex: Int32Array;
}

/** A block of a layer: a matrix from the units of an earlier layer `from` to this layer's units. */
export interface LayerBlock {
  /** Source layer, 0 ≤ from < this layer (layer 0 is the input x, dIn units). */
  from: number;
  /** rows = this layer's units, cols = the source layer's units. */
  matrix: Csr;
}

/**
 * One iteration of the unrolled computation: unit u is the pair (neurons[u], t), and
 * `v_u = φ(Σ_pre A·v_from + bias_u) + Σ_skip B·v_from + offset_u`.
 */
export interface Layer {
  /** Dense neuron id of each unit. */
  neurons: Int32Array;
  /** Bias inside φ, with the constant (input-independent) contributions folded in. */
  bias: Float32Array;
  /** Constant added after φ (folded persistent constants of the residual rules). */
  offset: Float32Array;
  /** Matrices inside φ. */
  pre: LayerBlock[];
  /** Matrices added after φ: the values that persist under the residual rules. */
  skip: LayerBlock[];
  /** This layer's activation; absent: the config's φ, elementwise. */
  activation?: LayerActivation;
  /**
   * ψ (one per unit): added to the pre-activation times the previous layer's isotropic factor
   * (per sample), Bird's linear correction. Only after an isotropic layer.
   */
  psi?: Float32Array;
}

/**
 * A layer activation other than the config's φ: none ('identity', e.g. an MLP's logits), or
 * the isotropic tanh over all the layer's units with intrinsic length o (see `isotropicFactor`).
 *
 * ```ts
 * const a: LayerActivation = { kind: 'isotropic-tanh', o: 1e-6, epsilon: 1e-3 };
 * ```
 */
export type LayerActivation = { kind: 'identity' } | { kind: 'isotropic-tanh'; o: number; epsilon: number };

/**
 * The layered form: the live (input-dependent, output-relevant) pairs (neuron, iteration) of the
 * unrolled URN, one layer per iteration, constants folded. Output k is
 * `v[outLayer[k]][outUnit[k]] + outOffset[k]`, or the constant `outOffset[k]` when `outLayer[k]` is -1.
 *
 * ```ts
 * const lm = toLayered(toReplay(snapshot, 1e-3));
 * const logits = predict(lm, x, n);
 * ```
 */
export interface LayeredModel extends SparseCommon {
  form: 'layered';
  /** Layers 1..I (index t-1 holds iteration t). Layer 0 is the input x itself. */
  layers: Layer[];
  outLayer: Int32Array;
  outUnit: Int32Array;
  outOffset: Float32Array;
}

/** Either executable form. */
export type SparseModel = ReplayModel | LayeredModel;
