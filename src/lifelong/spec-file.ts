import { readFileSync } from 'node:fs';
import { ConfigError, prefix } from '../errors.js';
import { refuseUnknownKeys } from '../util/keys.js';
import { keepClasses, padFeatures } from '../data/classes.js';
import { loadDataSpec, type DataSpec } from '../data/spec.js';
import { subset } from '../data/transform.js';
import type { Dataset } from '../data/dataset.js';
import type { TrainOptions } from '../train/options.js';
import type { LifelongSpec } from './types.js';

const where = prefix('lifelong spec');

/** One task as a SPEC file gives it: a data spec (as `urn train` builds it), optionally the first `classes` classes. */
export interface TaskFileEntry {
  name: string;
  data: Partial<DataSpec> & Pick<DataSpec, 'dataset'>;
  /** Keep the first k classes (labels 0..k−1), before `nTrain`/`nTest` subsample them. */
  classes?: number;
  options?: Partial<TrainOptions>;
}

/**
 * A SPEC file: `lifelong`'s spec with tasks given as data specs (JSON).
 *
 * ```ts
 * const file: LifelongSpecFile = { network: { hidden: 100, I: 4 }, tasks: [{ name: 'two', data: { dataset: 'fashion-mnist', resize: [14, 14] }, classes: 2 }] };
 * ```
 */
export type LifelongSpecFile = Omit<LifelongSpec, 'tasks'> & { tasks: TaskFileEntry[] };

/** Build one task's dataset: load (spheres generate nTrain/nTest), keep classes, then subsample. */
function taskData(e: TaskFileEntry): Dataset {
  if (!e.data || typeof e.data.dataset !== 'string') throw new ConfigError(where(`task '${e.name}' needs data.dataset (e.g. "spheres" or "fashion-mnist").`));
  const spheres = e.data.dataset === 'spheres';
  const spec: DataSpec = { seed: 1, normalize: 'none', ...e.data } as DataSpec;
  let ds = loadDataSpec(spheres ? spec : { ...spec, nTrain: undefined, nTest: undefined });
  if (e.classes !== undefined) ds = keepClasses(ds, e.classes);
  if (!spheres && (spec.nTrain !== undefined || spec.nTest !== undefined)) {
    ds = subset(ds, { train: spec.nTrain && Math.min(spec.nTrain, ds.train.n), test: spec.nTest && Math.min(spec.nTest, ds.test.n), seed: spec.seed });
  }
  return { ...ds, name: e.name };
}

/**
 * Turn a SPEC (parsed JSON) into `lifelong`'s spec: load every task's data and zero-pad the
 * features of all tasks to the largest input size, so they share the input neurons.
 *
 * ```ts
 * const spec = resolveSpecFile(JSON.parse(readFileSync('series.json', 'utf8')));
 * ```
 */
export function resolveSpecFile(file: LifelongSpecFile): LifelongSpec {
  if (!file || typeof file !== 'object' || !Array.isArray(file.tasks) || !file.network) {
    throw new ConfigError(where('a SPEC is a JSON object with "network" ({ hidden, I }) and "tasks" (a list). See `urn lifelong --help`.'));
  }
  refuseUnknownKeys(file, ['network', 'options', 'clnp', 'mode', 'tasks'], where('the SPEC'));
  for (const e of file.tasks) refuseUnknownKeys(e, ['name', 'data', 'classes', 'options'], where(`task '${String(e.name)}'`));
  const loaded = file.tasks.map((e) => ({ name: String(e.name), data: taskData(e), options: e.options }));
  const dIn = Math.max(...loaded.map((t) => t.data.dIn));
  return { ...file, tasks: loaded.map((t) => ({ ...t, data: padFeatures(t.data, dIn) })) };
}

/**
 * Read and resolve a SPEC file (JSON); throws `ConfigError` on unreadable or malformed files.
 *
 * ```ts
 * const spec = readSpecFile('bench/nesa-series.json');
 * ```
 */
export function readSpecFile(path: string): LifelongSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(where(`cannot read ${path}. Give the path of a JSON SPEC file.`));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(where(`${path} is not JSON (${(e as Error).message}). Fix the file.`));
  }
  return resolveSpecFile(parsed as LifelongSpecFile);
}
