import { ConfigError, prefix } from '../errors.js';
import type { UrnConfig, UrnConfigInput } from '../core/config.js';
import type { Checkpoint } from '../run/checkpoint.js';
import { resolveTrainOptions, TRAIN_DEFAULTS, type TrainOptions } from './options.js';

const where = prefix('resume');

/** Config fields that fix the network: a resume may not change them. */
const STRUCTURAL = ['S', 'I', 'dIn', 'dOut', 'rule', 'activation', 'readout'] as const;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Check a resume request against its checkpoint: a structural config field (S, I, rule,
 * activation, geometry, ...) or data-spec field that differs is a `ConfigError` naming both
 * values. S is compared with the network as first created (compaction shrinks it).
 *
 * ```ts
 * checkResumeConflicts(ckpt, { S: 64, rule: 'plain' }, { dataset: 'spheres' });
 * ```
 */
export function checkResumeConflicts(ckpt: Checkpoint, config: Partial<UrnConfigInput> | undefined, dataSpec: Record<string, unknown> | undefined): void {
  const cfg = ckpt.config as UrnConfig;
  const originalS = typeof ckpt.train.originalS === 'number' ? ckpt.train.originalS : cfg.S;
  for (const k of STRUCTURAL) {
    const given = config?.[k];
    const stored = k === 'S' ? originalS : k === 'readout' ? (cfg.readout ?? 'phi') : cfg[k];
    if (given !== undefined && given !== stored) {
      throw new ConfigError(where(`the run has ${k} = ${String(stored)} but ${String(given)} was given. Drop the flag to continue the run, or start a new run in another directory.`));
    }
  }
  if (config?.geometry !== undefined && !same(config.geometry.grid, cfg.geometry?.grid)) {
    throw new ConfigError(where(`the run has grid ${JSON.stringify(cfg.geometry?.grid ?? null)} but ${JSON.stringify(config.geometry.grid)} was given. Drop --grid to continue the run.`));
  }
  const storedSpec = (ckpt.train.data ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(dataSpec ?? {})) {
    if (v !== undefined && k in storedSpec && !same(v, storedSpec[k])) {
      throw new ConfigError(where(`the run's data has ${k} = ${JSON.stringify(storedSpec[k])} but ${JSON.stringify(v)} was given. Drop the flag to continue the run on its data.`));
    }
  }
}

/**
 * The options of a resumed run: the recorded ones, with the ones given on purpose on top; and
 * which changed (name → previous and new value), for the run's record.
 *
 * ```ts
 * const { options, changed } = resumeOptions(ckpt, { epochs: 40 }); // changed.epochs = { from: 20, to: 40 }
 * ```
 */
export function resumeOptions(ckpt: Checkpoint, given: Partial<TrainOptions> = {}): { options: TrainOptions; changed: Record<string, { from: unknown; to: unknown }> } {
  // A recorded key this version no longer knows had no effect here: it is dropped, not refused.
  const recorded = Object.entries(ckpt.train.options ?? {}).filter(([k]) => k in TRAIN_DEFAULTS);
  const saved = resolveTrainOptions(Object.fromEntries(recorded) as Partial<TrainOptions>);
  const options = resolveTrainOptions({ ...saved, ...given });
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of Object.keys(options) as (keyof TrainOptions)[]) {
    if (!same(saved[k], options[k])) changed[k] = { from: saved[k], to: options[k] };
  }
  return { options, changed };
}
