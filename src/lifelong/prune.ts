import { createRng } from '../util/rng.js';

/**
 * Mean activity of each neuron over the data and the iterations l = 1..I (the CLNP score on a
 * URN), from `ActivityStats.meanAbs` (index l·S + i).
 *
 * ```ts
 * const score = activityScores((await evaluate(model, data.train)).stats.meanAbs, S, I);
 * ```
 */
export function activityScores(meanAbs: Float32Array, S: number, I: number): Float32Array {
  const out = new Float32Array(S);
  for (let l = 1; l <= I; l++) for (let i = 0; i < S; i++) out[i] += meanAbs[l * S + i] / I;
  return out;
}

/**
 * A copy of W (n×n) with every synapse from an inactive neuron into an active one set to 0.
 * W itself is shared by every iteration, so the cut holds at every iteration.
 *
 * ```ts
 * const cut = cutInactive(view.W, n, active);
 * ```
 */
export function cutInactive(W: Float32Array, n: number, active: Uint8Array): Float32Array {
  const out = Float32Array.from(W);
  for (let i = 0; i < n; i++) {
    if (!active[i]) continue;
    for (let j = 0; j < n; j++) if (!active[j]) out[i * n + j] = 0;
  }
  return out;
}

/**
 * Reinitialise the free rows (not `active`) among the first n of a row-major S×S URN in place,
 * from `seed`: He-normal weights from the inputs (i < dIn) and the free neurons (std √(2/k), k
 * of them), 0 from the active hidden neurons and from neurons outside the view, bias 0. The
 * reuse synapses (active → free) start at 0 and are learned: random ones would add each active
 * neuron's mean activity, a large random offset, and kill about half of the fresh ReLUs at once.
 *
 * ```ts
 * reinitFree(W, b, S, lay.viewS[t], dIn, active, deriveSeed(seed, t));
 * ```
 */
export function reinitFree(W: Float32Array, b: Float32Array, S: number, n: number, dIn: number, active: Uint8Array, seed: number): void {
  const rng = createRng(seed);
  let k = 0;
  for (let j = 0; j < n; j++) if (j < dIn || !active[j]) k++;
  const std = Math.sqrt(2 / Math.max(1, k));
  for (let i = 0; i < n; i++) {
    if (active[i]) continue;
    W.fill(0, i * S, i * S + S);
    for (let j = 0; j < n; j++) if (j < dIn || !active[j]) W[i * S + j] = rng.normal() * std;
    b[i] = 0;
  }
}

/**
 * Candidate activity thresholds m: 0, and the q/k quantiles (q = 1..k) of the positive scores of
 * the neurons marked in `free`, ascending and distinct (the last prunes every free neuron).
 *
 * ```ts
 * clnpCandidates(score, free, 16); // [0, …]
 * ```
 */
export function clnpCandidates(score: Float32Array, free: Uint8Array, k: number): number[] {
  const pos: number[] = [];
  for (let i = 0; i < score.length; i++) if (free[i] && score[i] > 0) pos.push(score[i]);
  pos.sort((a, c) => a - c);
  const all = [0];
  for (let q = 1; q <= k && pos.length; q++) all.push(pos[Math.min(pos.length - 1, Math.ceil((q * pos.length) / k) - 1)]);
  return all.filter((v, i) => i === 0 || v > all[i - 1]);
}
