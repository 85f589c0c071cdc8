/**
 * `--add-to FILE`: pool the trials of this run with those of an earlier results file of the same
 * bench, when the earlier run folders are gone (another machine, another session). Pooling is
 * refused unless the two differ in their seeds alone. One implementation for `bench fig3`,
 * `fig4` and `fig6-fmnist`.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../src/errors.js';
import { canonicalJson, type Json } from '../../src/sweep/index.js';

/** What every poolable results file carries: the command that wrote it and those it pooled. */
export interface PoolableFile {
  command: string;
  earlierCommands?: string[];
}

/**
 * Read an earlier results file of `bench` (for `--add-to`, or the `flag` that names it); throws
 * `ConfigError` (one line) when it is not JSON or lacks any of `need` (besides `command`).
 *
 * ```ts
 * const earlier = readEarlier<Fig3File>('bench/results/fig3.json', 'fig3', ['settings', 'reading', 'trials']);
 * ```
 */
export function readEarlier<T extends PoolableFile>(path: string, bench: string, need: string[], flag = '--add-to'): T {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError(`${flag} ${path}: cannot read it as JSON (${(e as Error).message.split('\n')[0]}); give a results file written by bench ${bench}.`);
  }
  const missing = ['command', ...need].filter((k) => body === null || typeof body !== 'object' || body[k] === undefined);
  if (missing.length > 0 || typeof body.command !== 'string') {
    throw new ConfigError(`${flag} ${path}: not a results file of bench ${bench} (it lacks ${missing.join(', ') || 'a command'}); give one this bench wrote.`);
  }
  return body as T;
}

/**
 * The names of the fields whose values differ between two records (canonical JSON; a field one
 * of them lacks counts as null), in `prefix`-qualified form, skipping `ignore`.
 *
 * ```ts
 * differingFields({ lr: 1, S: 9 }, { lr: 2, S: 9 }); // ['lr']
 * ```
 */
export function differingFields(mine: Record<string, unknown>, theirs: Record<string, unknown>, ignore: readonly string[] = [], prefix = ''): string[] {
  const keys = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].filter((k) => !ignore.includes(k));
  return keys.filter((k) => canonicalJson((mine[k] ?? null) as Json) !== canonicalJson((theirs[k] ?? null) as Json)).map((k) => prefix + k);
}

/**
 * Refuse to pool (`ConfigError`) when `differs` is not empty or a seed is in both runs.
 *
 * ```ts
 * checkPoolable(path, earlier, differingFields(mine, theirs), [6, 7], earlierSeeds);
 * ```
 */
export function checkPoolable(path: string, earlier: PoolableFile, differs: string[], seeds: number[], earlierSeeds: number[]): void {
  if (differs.length > 0) {
    throw new ConfigError(`--add-to ${path}: its ${differs.join(', ')} differ from this run's; pool only trials that differ in their seed (see its command: ${earlier.command}).`);
  }
  const both = seeds.filter((s) => earlierSeeds.includes(s));
  if (both.length > 0) throw new ConfigError(`--add-to ${path}: seed ${both.join(', ')} is already in it; give --seeds it does not hold.`);
}

/**
 * The earlier file's trials and these, ordered by seed.
 *
 * ```ts
 * pooled([{ seed: 2 }], [{ seed: 1 }]).map((t) => t.seed); // [1, 2]
 * ```
 */
export function pooled<T>(earlier: readonly T[], mine: readonly T[], seedOf: (t: T) => number = (t) => (t as { seed: number }).seed): T[] {
  return [...earlier, ...mine].sort((a, b) => seedOf(a) - seedOf(b));
}

/**
 * The head of a pooled results file: this command and every command before it, oldest first.
 *
 * ```ts
 * provenance('npm run bench -- fig3 --seeds 6', earlier); // { command, earlierCommands: [earlier.command] }
 * ```
 */
export function provenance(command: string, earlier: PoolableFile | null): PoolableFile {
  return earlier ? { command, earlierCommands: [...(earlier.earlierCommands ?? []), earlier.command] } : { command };
}
