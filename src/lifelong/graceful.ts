import type { Split } from '../data/dataset.js';
import type { UrnConfig } from '../core/config.js';
import { measure } from './measure.js';
import { clnpCandidates, cutInactive } from './prune.js';

/** One threshold tried by `gracefulForgetting`. */
export interface GracefulTrial {
  threshold: number;
  /** Free neurons that stay active (score > threshold). */
  active: number;
  accuracy: number;
  pass: boolean;
}

/** The chosen cut. */
export interface GracefulResult {
  threshold: number;
  /** Active neurons after the cut (earlier ones, inputs and the head included). */
  active: Uint8Array;
  /** W with every synapse from an inactive into an active neuron removed. */
  W: Float32Array;
  unpruned: number;
  pruned: number;
  trials: GracefulTrial[];
}

/** What `gracefulForgetting` needs about the trained view. */
export interface GracefulInput {
  config: UrnConfig;
  W: Float32Array;
  b: Float32Array;
  /** Activity score per neuron (`activityScores`). */
  score: Float32Array;
  /** Neurons active before this task (inputs and earlier tasks' neurons). */
  before: Uint8Array;
  validation: Split;
  epsilon: number;
  candidates: number;
}

/**
 * CLNP's graceful forgetting on a URN view: the free neurons (not active before, not the head)
 * whose activity score exceeds m become active; every synapse from an inactive into an active
 * neuron is cut; m is the largest candidate (`clnpCandidates`, all scanned: accuracy need not be
 * monotone in m) whose validation accuracy stays ≥ the unpruned one − ε. m = 0 cuts only
 * neurons that were 0 on all the data, so some candidate always passes.
 *
 * ```ts
 * const g = await gracefulForgetting({ config, W, b, score, before, validation, epsilon: 0.01, candidates: 16 });
 * ```
 */
export async function gracefulForgetting(g: GracefulInput): Promise<GracefulResult> {
  const { S, dOut } = g.config;
  const free = new Uint8Array(S);
  for (let i = 0; i < S - dOut; i++) free[i] = g.before[i] ? 0 : 1;
  const unpruned = (await measure(g.config, g.W, g.b, g.validation)).accuracy;
  const trials: GracefulTrial[] = [];
  let best: { threshold: number; active: Uint8Array; W: Float32Array; accuracy: number } | null = null;
  for (const m of clnpCandidates(g.score, free, g.candidates)) {
    const active = Uint8Array.from(g.before);
    let added = 0;
    for (let i = 0; i < S; i++) {
      if (i >= S - dOut) active[i] = 1;
      else if (free[i] && g.score[i] > m) {
        active[i] = 1;
        added++;
      }
    }
    const W = cutInactive(g.W, S, active);
    const accuracy = (await measure(g.config, W, g.b, g.validation)).accuracy;
    const pass = accuracy >= unpruned - g.epsilon;
    trials.push({ threshold: m, active: added, accuracy, pass });
    if (pass) best = { threshold: m, active, W, accuracy };
  }
  // m = 0 always passes up to float rounding; if even it did not, keep the first trial's cut.
  const chosen = best ?? (() => {
    const active = Uint8Array.from(g.before);
    for (let i = 0; i < S; i++) if (i >= S - dOut || (free[i] && g.score[i] > 0)) active[i] = 1;
    return { threshold: 0, active, W: cutInactive(g.W, S, active), accuracy: trials[0].accuracy };
  })();
  return { threshold: chosen.threshold, active: chosen.active, W: chosen.W, unpruned, pruned: chosen.accuracy, trials };
}
