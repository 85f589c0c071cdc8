import type { Dataset } from './dataset.js';

/** One split of a regression dataset: `n` samples, `dIn` features and `dOut` targets each, row-major. */
export interface RegressionSplit {
  n: number;
  x: Float32Array;
  /** Targets, `y[s * dOut + k]`. */
  y: Float32Array;
}

/**
 * A regression dataset (trained with the mean squared error on the output neurons).
 *
 * ```ts
 * const data: RegressionDataset = makeBessel({ n: 1000 });
 * data.train.y; data.dOut;
 * ```
 */
export interface RegressionDataset {
  kind: 'regression';
  name: string;
  dIn: number;
  dOut: number;
  train: RegressionSplit;
  test: RegressionSplit;
}

/** Windows of a symbol stream: `n` windows of `T + 1` symbols, `x[w * (T + 1) + t]`. */
export interface SequenceSplit {
  n: number;
  x: Int32Array;
}

/**
 * A next-symbol prediction dataset. A recurrent URN reads window symbol t (one-hot, clamped on
 * the input neurons for I iterations) and is scored on symbol t + 1, for t = 0..T-1.
 *
 * ```ts
 * const data: SequenceDataset = makeBrackets({ kind: 'hard' });
 * data.symbols; // ['a', 'b', '(', ')']
 * ```
 */
export interface SequenceDataset {
  kind: 'sequence';
  name: string;
  /** The alphabet; symbol k is `symbols[k]`, and dIn = dOut = symbols.length. */
  symbols: string[];
  /** Steps per window (Miconi: 40). */
  T: number;
  train: SequenceSplit;
  test: SequenceSplit;
}

/**
 * Any task the structure trainers take: classification (`Dataset`), regression or sequences.
 *
 * ```ts
 * const k = taskKind(data); // 'classification' | 'regression' | 'sequence'
 * ```
 */
export type Task = Dataset | RegressionDataset | SequenceDataset;

/**
 * The kind of a task.
 *
 * ```ts
 * taskKind(makeBessel()); // 'regression'
 * ```
 */
export function taskKind(t: Task): 'classification' | 'regression' | 'sequence' {
  return 'kind' in t ? t.kind : 'classification';
}

/**
 * Input and output widths of a task.
 *
 * ```ts
 * taskShape(makeBrackets()); // { dIn: 4, dOut: 4 }
 * ```
 */
export function taskShape(t: Task): { dIn: number; dOut: number } {
  if (!('kind' in t)) return { dIn: t.dIn, dOut: t.nClasses };
  if (t.kind === 'regression') return { dIn: t.dIn, dOut: t.dOut };
  return { dIn: t.symbols.length, dOut: t.symbols.length };
}
