import { ConfigError, prefix } from '../errors.js';
import { createRng, type Rng } from '../util/rng.js';
import type { SequenceDataset, SequenceSplit } from './task.js';

/** Miconi's bracket tasks: `easy` groups `(abab…)`, `hard` 6-letter groups (each the previous one reversed, one letter flipped). */
export type BracketKind = 'easy' | 'hard';

export interface BracketOptions {
  kind: BracketKind;
  /** Training and test windows. */
  nTrain: number;
  nTest: number;
  /** Steps per window (Miconi: 40). */
  T: number;
  seed: number;
}

export const BRACKET_DEFAULTS: BracketOptions = { kind: 'easy', nTrain: 2000, nTest: 200, T: 40, seed: 1 };

/** The alphabet: a, b, (, ) are symbols 0..3. */
export const BRACKET_SYMBOLS = ['a', 'b', '(', ')'];
const [A, B, OPEN, CLOSE] = [0, 1, 2, 3];
const where = prefix('brackets');

/** Easy (DiffRNN's gentext.py): "(ab", then "ab" again while a uniform draw is < 0.6, then ")". */
function easyGroup(rng: Rng, out: number[]): void {
  out.push(OPEN, A, B);
  while (rng.next() < 0.6) out.push(A, B);
  out.push(CLOSE);
}

/** Hard (gentext.py): the previous 6-letter group reversed with one random letter flipped, in brackets. */
function hardGroup(rng: Rng, prev: number[], out: number[]): void {
  prev.reverse();
  const k = rng.int(prev.length);
  prev[k] = prev[k] === A ? B : A;
  out.push(OPEN, ...prev, CLOSE);
}

/**
 * A symbol stream of at least `length` symbols of Miconi's easy or hard bracket language.
 *
 * ```ts
 * bracketStream('easy', 20, createRng(1)); // e.g. (abab)(ab)(ababab)…
 * ```
 */
export function bracketStream(kind: BracketKind, length: number, rng: Rng): Int32Array {
  const out: number[] = [];
  const prev = [A, B, B, A, A, B];
  while (out.length < length) {
    if (kind === 'easy') easyGroup(rng, out);
    else hardGroup(rng, prev, out);
  }
  return Int32Array.from(out.slice(0, length));
}

function windows(kind: BracketKind, n: number, T: number, rng: Rng): SequenceSplit {
  const x = bracketStream(kind, n * (T + 1), rng);
  return { n, x };
}

/**
 * Next-symbol prediction on Miconi's bracket sequences over `a b ( )`: consecutive windows of
 * T + 1 symbols cut from one generated stream (train and test from independent streams).
 *
 * ```ts
 * const data = makeBrackets({ kind: 'hard', nTrain: 500, T: 40, seed: 2 });
 * ```
 */
export function makeBrackets(opts: Partial<BracketOptions> = {}): SequenceDataset {
  const o = { ...BRACKET_DEFAULTS, ...opts };
  if (o.kind !== 'easy' && o.kind !== 'hard') throw new ConfigError(where(`kind must be easy or hard, got '${String(o.kind)}'.`));
  for (const k of ['nTrain', 'nTest', 'T'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new ConfigError(where(`${k} must be an integer ≥ 1, got ${o[k]}.`));
  }
  const rng = createRng(o.seed);
  return {
    kind: 'sequence',
    name: `brackets-${o.kind}`,
    symbols: BRACKET_SYMBOLS,
    T: o.T,
    train: windows(o.kind, o.nTrain, o.T, rng),
    test: windows(o.kind, o.nTest, o.T, rng),
  };
}

/**
 * Bracket strings back from symbols (for printing and tests).
 *
 * ```ts
 * bracketText(Int32Array.of(2, 0, 1, 3)); // '(ab)'
 * ```
 */
export const bracketText = (s: ArrayLike<number>): string => Array.from(s, (k) => BRACKET_SYMBOLS[k]).join('');
