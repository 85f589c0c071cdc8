import { ConfigError, prefix } from '../errors.js';
import type { UrnConfig } from '../core/config.js';
import type { HeadLayout } from './types.js';

const where = prefix('lifelong');

/**
 * Lay out a lifelong URN: inputs 0..dIn−1, `hidden` shared neurons, then one head per task in
 * task order, so the URN's outputs (dOut = Σ classes) are all heads and task t's output k is
 * neuron S − D + Σ_{s<t} dOut_s + k. Task t trains and is evaluated on its *view*, the leading
 * neurons 0..viewS[t]−1: its own head is the view's last dOut_t neurons (the engine's output
 * convention), earlier heads are ordinary neurons of the view (reusable), later heads are not
 * in it. Under CLNP the rows of a view's active neurons are frozen with zeros outside it, so
 * the view is closed and the whole URN computes every head exactly as its view does.
 * 'residual-output' is refused: an earlier head accumulates in its own view but not in later ones.
 *
 * ```ts
 * const lay = headLayout(196, 100, [2, 2, 5], 'residual-input'); // lay.viewS = [298, 300, 305]
 * ```
 */
export function headLayout(dIn: number, hidden: number, dOut: number[], rule: UrnConfig['rule']): HeadLayout {
  if (rule === 'residual-output') {
    throw new ConfigError(where(`rule 'residual-output' cannot share heads (an earlier head would accumulate in one view and not in the next). Use residual-input or plain.`));
  }
  if (!Number.isInteger(hidden) || hidden < 1) throw new ConfigError(where(`hidden must be an integer ≥ 1, got ${hidden}.`));
  if (dOut.length < 1) throw new ConfigError(where('the spec has no tasks. Give at least one.'));
  const viewS: number[] = [];
  let s = dIn + hidden;
  for (const d of dOut) viewS.push((s += d));
  return { S: s, dIn, hidden, D: s - dIn - hidden, viewS, dOut: [...dOut] };
}

/**
 * The leading n×n block of a row-major S×S matrix and the first n entries of b (a view's W, b).
 *
 * ```ts
 * const v = viewParams(W, b, S, lay.viewS[0]);
 * ```
 */
export function viewParams(W: Float32Array, b: Float32Array, S: number, n: number): { W: Float32Array; b: Float32Array } {
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) out.set(W.subarray(i * S, i * S + n), i * n);
  return { W: out, b: b.slice(0, n) };
}

/**
 * Write a view's W and b back into the leading block of the whole URN's (in place).
 *
 * ```ts
 * writeView(W, b, S, view);
 * ```
 */
export function writeView(W: Float32Array, b: Float32Array, S: number, view: { W: Float32Array; b: Float32Array }): void {
  const n = view.b.length;
  for (let i = 0; i < n; i++) W.set(view.W.subarray(i * n, i * n + n), i * S);
  b.set(view.b);
}

/**
 * The config of task t's view: S = viewS[t], dOut = its classes.
 *
 * ```ts
 * const cfg = viewConfig(full, lay, 1);
 * ```
 */
export function viewConfig(full: UrnConfig, lay: HeadLayout, t: number): UrnConfig {
  return { ...full, S: lay.viewS[t], dOut: lay.dOut[t] };
}
