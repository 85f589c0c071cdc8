import { ConfigError, prefix } from '../errors.js';
import { makeBrackets, type BracketKind } from './brackets.js';
import { makeBessel } from './bessel.js';
import { loadDataSpec, type DataSpec } from './spec.js';
import type { Task } from './task.js';

const where = prefix('task');

/**
 * The tasks a name gives: `brackets-easy`, `brackets-hard`, `bessel` and everything
 * `loadDataSpec` loads (`spirals`, `spheres`, images). `nTrain` is the number of windows
 * (brackets) or grid points (bessel; 20% go to the test split).
 *
 * ```ts
 * const task = loadTaskSpec({ dataset: 'brackets-hard', seed: 1, normalize: 'none' });
 * ```
 */
export function loadTaskSpec(spec: DataSpec & { T?: number }): Task {
  if (spec.dataset.startsWith('brackets-')) {
    const kind = spec.dataset.slice('brackets-'.length) as BracketKind;
    if (kind !== 'easy' && kind !== 'hard') throw new ConfigError(where(`unknown '${spec.dataset}'. Use brackets-easy or brackets-hard.`));
    return makeBrackets({ kind, seed: spec.seed, ...(spec.nTrain ? { nTrain: spec.nTrain } : {}), ...(spec.nTest ? { nTest: spec.nTest } : {}), ...(spec.T ? { T: spec.T } : {}) });
  }
  const { T, ...rest } = spec;
  if (T !== undefined) throw new ConfigError(where(`--T is the brackets' window length; '${spec.dataset}' takes none. Drop it.`));
  if (spec.dataset === 'bessel') return makeBessel({ seed: spec.seed, ...(spec.nTrain ? { n: Math.round(spec.nTrain / 0.8) } : {}) });
  return loadDataSpec(rest);
}
