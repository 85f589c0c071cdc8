import type { Dataset } from '../data/dataset.js';
import type { UpdateRule, Activation, UrnConfig } from '../core/config.js';
import type { TrainOptions } from '../train/options.js';

/** One task of a lifelong series: its data (its classes are its head's outputs) and option overrides. */
export interface LifelongTask {
  name: string;
  data: Dataset;
  /** Training options for this task over the series' `options`. */
  options?: Partial<TrainOptions>;
}

/** The shared URN: inputs, a pool of hidden neurons, then one head per task. */
export interface LifelongNetwork {
  /** Hidden neurons shared by all tasks. */
  hidden: number;
  I: number;
  /** 'residual-input' (default) or 'plain'; 'residual-output' is refused (see `headLayout`). */
  rule?: UpdateRule;
  activation?: Activation;
  seed?: number;
}

/** CLNP's knobs (Golkar et al. 2019). */
export interface ClnpOptions {
  /** Graceful forgetting: the largest threshold whose validation accuracy stays within ε of the unpruned one (a fraction). */
  epsilon: number;
  /** Candidate thresholds: 0 and this many quantiles of the free neurons' positive activity scores. */
  candidates: number;
  /** Fraction of each task's training split held out for validation. */
  validationFraction: number;
}

export const CLNP_DEFAULTS: ClnpOptions = { epsilon: 0.01, candidates: 16, validationFraction: 0.15 };

/**
 * A series of tasks for `lifelong`.
 *
 * ```ts
 * const spec: LifelongSpec = { network: { hidden: 100, I: 4 }, options: { epochs: 20 }, tasks: [{ name: 'spheres', data }] };
 * ```
 */
export interface LifelongSpec {
  network: LifelongNetwork;
  /** Training options shared by all tasks (compaction is always off: it would renumber neurons). */
  options?: Partial<TrainOptions>;
  clnp?: Partial<ClnpOptions>;
  /** 'clnp' (default): freeze, cut and reuse; 'fine-tune': train every parameter of each view in turn (the baseline). */
  mode?: 'clnp' | 'fine-tune';
  tasks: LifelongTask[];
}

/** The structure of one task's sub-network: its head and everything that feeds it. */
export interface TaskStructure {
  /** Neurons per unrolled layer Λ = 0 (inputs) .. depth (the head). */
  widths: number[];
  /** Layers of weights: the largest Λ. */
  depth: number;
  /** Hidden neurons of the sub-network (earlier tasks' head neurons count as hidden here). */
  usedNeurons: number;
  /** Of those, neurons recruited by earlier tasks. */
  reusedNeurons: number;
  /**
   * Neurons of the sub-network live at several depths (recurrent reuse of one W row): each is
   * counted in `widths` at its smallest depth, so `depth` can exceed the number of non-empty layers.
   */
  recurrentNeurons: number;
  /** The synapse threshold the structure was read at (the certified export's; 0 when none passed). */
  threshold: number;
  /** Whether the sub-network's export met the certificate's tolerance. */
  certified: boolean;
}

/** What the timeline records after each task. */
export interface TaskRecord {
  task: number;
  name: string;
  /** CLNP's threshold m on the activity score (null under fine-tuning). */
  threshold: number | null;
  /** Validation accuracy before and after the cut. */
  validation: { unpruned: number; pruned: number };
  /** Test accuracy right after learning (after the cut). */
  accuracyAfterLearning: number;
  /** Test accuracy of every task so far, index = task. */
  accuracies: number[];
  structure: TaskStructure;
  /** Hidden neurons this task recruited (made active), its head excluded. */
  recruited: number;
  /** Hidden neurons active (frozen) after this task, over all tasks, and those still free. */
  usedTotal: number;
  freeNeurons: number;
  seconds: number;
}

/** What `lifelong` returns: the accumulated URN and its timeline. */
export interface LifelongResult {
  /** The whole URN: outputs are all heads, task order (dOut = Σ classes). */
  config: UrnConfig;
  W: Float32Array;
  b: Float32Array;
  /** Per neuron: the task that recruited it, −1 for free neurons, −2 for inputs. */
  recruitedBy: Int32Array;
  layout: HeadLayout;
  timeline: TaskRecord[];
  mode: 'clnp' | 'fine-tune';
}

/** Where each task lives in the URN (see `headLayout`). */
export interface HeadLayout {
  S: number;
  dIn: number;
  hidden: number;
  /** Σ of the tasks' classes. */
  D: number;
  /** Task t's view is neurons 0..viewS[t]−1; its head is the last dOut[t] of them. */
  viewS: number[];
  dOut: number[];
}
