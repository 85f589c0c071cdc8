import { tf } from '../tf.js';
import type { NativeAddon } from './native.js';
import { nativeThreads } from './native.js';
import { dataRefCount, floatSpan, type FloatSpan, type HostBackend } from './heap.js';

/** Adam's scalars for one step, bias corrections folded in. */
export interface AdamHyper {
  /** lr / (1 − β1^t). */
  lrc1: number;
  beta1: number;
  beta2: number;
  /** 1 / (1 − β2^t). */
  c2: number;
  epsilon: number;
  /** The base learning rate: the proximal step's threshold is lr·λ / (√(v·c2) + ε). */
  lr: number;
}

/** One parameter with its gradient and moments. */
export interface AdamSlot {
  param: tf.Variable;
  /** The gradient: of the parameter's shape, or with `ids` the |ids|×|ids| block at those rows and columns. */
  grad: tf.Tensor;
  m: tf.Variable;
  v: tf.Variable;
  /** Block mode, for a square parameter: `grad` holds only rows and columns `ids`; every other entry's gradient is 0. */
  ids?: Int32Array;
}

/** Whether the slot's gradient has the size its mode needs. */
const fits = (s: AdamSlot): boolean => (s.ids ? s.param.rank === 2 && s.param.shape[0] === s.param.shape[1] && s.grad.size === s.ids.length ** 2 : s.grad.size === s.param.size);

let active: NativeAddon | null = null;
/**
 * Native Adam passes since start (tests read it to be sure the native path ran).
 *
 * ```ts
 * const before = nativeAdamCalls.count;
 * ```
 */
export const nativeAdamCalls = { count: 0 };

/**
 * Turn the fused native L1 + Adam pass on (with a checked addon) or off (null).
 *
 * ```ts
 * setNativeAdam(addon); // after the self-check passed
 * ```
 */
export function setNativeAdam(addon: NativeAddon | null): void {
  active = addon;
}

/**
 * Whether the fused native Adam pass is on.
 *
 * ```ts
 * nativeAdamActive(); // false with URN_NATIVE=0
 * ```
 */
export const nativeAdamActive = (): boolean => active !== null;

/**
 * The fused L1 + Adam update of `AdamL1.stepL1`, in place, in one native pass per parameter
 * (slot 0 is W and gets the L1 subgradient, or with `l1.proximal` the soft-threshold after the
 * Adam step; the others get plain Adam). A slot with `ids` takes its gradient as a block and
 * the pass expands it row by row, so no S×S gradient is ever built. Returns the weight and
 * length terms at the W before the step, or null, touching nothing, when it cannot run here
 * (addon off, backend not wasm/cpu, memory not plain float32, or a buffer shared with another
 * tensor): the caller then does the same update in tfjs ops.
 *
 * ```ts
 * const r = fusedAdamL1(slots, hyper, { cW: 5e-7, cSyn: 0 }) ?? fallback();
 * ```
 */
export function fusedAdamL1(
  slots: AdamSlot[],
  h: AdamHyper,
  l1: { cW: number; cSyn: number; lengths?: tf.Tensor2D; proximal?: boolean },
): { weight: number; length: number } | null {
  const addon = active;
  const kind = tf.getBackend();
  if (!addon || (kind !== 'wasm' && kind !== 'cpu')) return null;
  const backend = tf.backend();
  const host = kind as HostBackend;
  const useLengths = l1.cSyn !== 0 && l1.lengths !== undefined;
  const spans: FloatSpan[][] = [];
  for (const s of slots) {
    const row = [s.param, s.grad, s.m, s.v].map((t) => floatSpan(host, backend, t));
    if (row.some((x) => x === null) || !fits(s)) return null;
    if ([s.param, s.m, s.v].some((t) => dataRefCount(host, backend, t) !== 1)) return null;
    spans.push(row as FloatSpan[]);
  }
  const D = useLengths ? floatSpan(host, backend, l1.lengths!) : null;
  if (useLengths && (!D || l1.lengths!.size !== slots[0].param.size)) return null;
  let weight = 0;
  let length = 0;
  slots.forEach((s, k) => {
    const [w, g, m, v] = spans[k];
    const first = k === 0;
    const [sumAbs, sumAbsD] = addon.adamL1(
      w.buffer, w.byteOffset, g.buffer, g.byteOffset, m.buffer, m.byteOffset, v.buffer, v.byteOffset,
      s.param.size, h.lrc1, h.beta1, h.beta2, h.c2, h.epsilon,
      first ? l1.cW : 0, first && D ? D.buffer : null, first && D ? D.byteOffset : 0, first ? l1.cSyn : 0, nativeThreads(),
      first && l1.proximal ? h.lr : 0,
      s.ids ? (s.ids.buffer as ArrayBuffer) : null, s.ids ? s.ids.byteOffset : 0, s.ids ? s.ids.length : 0,
    );
    if (first) {
      weight = l1.cW * sumAbs;
      length = useLengths ? l1.cSyn * sumAbsD : 0;
    }
  });
  nativeAdamCalls.count++;
  return { weight, length };
}
