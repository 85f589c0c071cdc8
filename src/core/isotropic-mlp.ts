/**
 * How the intrinsic length o of an isotropic activation is held: fixed at 0, a constant, or
 * trained as exp(log o) (Bird 2026, `IsotropicTanhIntrinsicLength`).
 */
export type IntrinsicLength = 'zero' | 'constant' | 'trainable';
export const INTRINSIC_LENGTHS: readonly IntrinsicLength[] = ['zero', 'constant', 'trainable'];

/** How the linear correction ψ is held: absent, a constant (set only by pruning), or trained. */
export type PsiMode = 'none' | 'constant' | 'trainable';
export const PSI_MODES: readonly PsiMode[] = ['none', 'constant', 'trainable'];

/**
 * A layered MLP with isotropic tanh on every hidden layer, as typed arrays (TF-free; the trainer
 * copies it into variables and back). Weight layer l maps widths[l] → widths[l+1]:
 * `z_{l+1} = W[l]·h_l + b[l] + ψ[l-1]·f_l` where f_l is hidden layer l's scalar factor
 * tanh(‖z;o‖)/‖z;o‖ (per sample), and `h_{l+1} = f_{l+1}·z_{l+1}` on hidden layers; the last
 * weight layer gives the logits with no activation.
 *
 * ```ts
 * const net = createIsoMlp({ widths: [784, 100, 100, 10], seed: 1 });
 * net.W[1].length; // 100 * 100
 * ```
 */
export interface IsoMlp {
  /** [dIn, hidden..., dOut]. */
  widths: number[];
  /** W[l]: widths[l+1] × widths[l], row-major (`W[l][i * widths[l] + j]` is unit j → unit i). */
  W: Float32Array[];
  /** b[l]: widths[l+1]. */
  b: Float32Array[];
  /**
   * ψ[l] (l = 0 .. hidden-1): widths[l+2], added to the pre-activation of weight layer l+1 times
   * hidden layer l's factor (hidden layers are numbered 0.. from the first). Zeros when psiMode is 'none'.
   */
  psi: Float32Array[];
  /** Intrinsic length of each hidden layer's activation. */
  o: number[];
  oMode: IntrinsicLength;
  psiMode: PsiMode;
  /** Radius of the ball where the activation uses its linear form (1e-3 in the paper). */
  epsilon: number;
}

/** One set of values shaped like a network's parameters (Adam's moments). */
export interface IsoParamSet {
  W: Float32Array[];
  b: Float32Array[];
  psi: Float32Array[];
  /** One per hidden layer (the moment of log o). */
  logO: number[];
}

/** Adam's state over an `IsoMlp`: step count and both moments, shaped like the parameters. */
export interface IsoMoments {
  t: number;
  m: IsoParamSet;
  v: IsoParamSet;
}

/** Number of hidden layers (= activations) of a network. */
export const hiddenCount = (net: Pick<IsoMlp, 'widths'>): number => net.widths.length - 2;
