import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError, prefix } from '../errors.js';
import type { Json } from './canonical.js';

/** The parts of a trial a sweep can set or vary: the data spec, the model config, the training options. */
export const SWEEP_SECTIONS = ['data', 'config', 'options'] as const;
/** One of `SWEEP_SECTIONS`. */
export type SweepSection = (typeof SWEEP_SECTIONS)[number];

/** A partial `{ data, config, options }`: a base, or one override. */
export type SweepPart = Partial<Record<SweepSection, Record<string, Json>>>;

/**
 * A sweep: a base (data spec, model config, training options), the points to visit (a grid of
 * dotted paths, or a list of overrides) and the seeds run at every point. JSON or YAML.
 *
 * ```ts
 * const spec: SweepSpec = {
 *   data: { dataset: 'spheres', nTrain: 500, nTest: 200 },
 *   config: { S: 32, I: 4 },
 *   options: { epochs: 5 },
 *   grid: { 'options.cN': [1e-5, 1e-4] },
 *   seeds: [1, 2, 3],
 * };
 * ```
 */
export interface SweepSpec extends SweepPart {
  /** A name for the sweep (used in progress lines and the report title). */
  name?: string;
  /** Cartesian product of values per dotted path (`options.cN`, `config.S`, `data.nTrain`). */
  grid?: Record<string, Json[]>;
  /** Or an explicit list of points, each a partial `{ data, config, options }` merged over the base. */
  overrides?: SweepPart[];
  /**
   * Seeds run at every point, or a count n for 1..n. Each sets the data, init and shuffle seeds
   * (`data.seed`, `config.seed`, `options.seed`), except one that the spec or the point sets
   * itself, which holds for every trial: `data: { seed: 1 }` trains every seed on one draw of
   * the data, the seeds varying only the init and the shuffle.
   */
  seeds: number[] | number;
  /** Training backend of every trial (default 'auto'). Not part of the trial id. */
  backend?: string;
}

const where = prefix('sweep spec');

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkPart(p: unknown, at: string): void {
  if (!isObject(p)) throw new ConfigError(where(`${at} must be an object with data, config and/or options. Fix the spec.`));
  for (const k of Object.keys(p)) {
    if (!(SWEEP_SECTIONS as readonly string[]).includes(k)) {
      throw new ConfigError(where(`${at} has an unknown key '${k}'. Use only ${SWEEP_SECTIONS.join(', ')}.`));
    }
    if (!isObject(p[k])) throw new ConfigError(where(`${at}.${k} must be an object. Fix the spec.`));
  }
}

/**
 * Check a parsed spec and return it typed; throws `ConfigError` naming the bad field.
 *
 * ```ts
 * const spec = validateSweepSpec(JSON.parse(text));
 * ```
 */
export function validateSweepSpec(raw: unknown): SweepSpec {
  if (!isObject(raw)) throw new ConfigError(where(`expected an object (JSON or YAML mapping). Fix the spec.`));
  const allowed = ['name', 'grid', 'overrides', 'seeds', 'backend', ...SWEEP_SECTIONS];
  for (const k of Object.keys(raw)) {
    if (!allowed.includes(k)) throw new ConfigError(where(`unknown key '${k}'. Use ${allowed.join(', ')}.`));
  }
  checkPart(Object.fromEntries(SWEEP_SECTIONS.filter((k) => k in raw).map((k) => [k, raw[k]])), 'the base');
  if (raw.grid !== undefined && raw.overrides !== undefined) {
    throw new ConfigError(where(`give either grid or overrides, not both. Merge them into one list of overrides.`));
  }
  if (raw.grid !== undefined) {
    if (!isObject(raw.grid)) throw new ConfigError(where(`grid must map dotted paths to lists of values. Fix the spec.`));
    for (const [path, values] of Object.entries(raw.grid)) {
      const [section, ...rest] = path.split('.');
      if (!(SWEEP_SECTIONS as readonly string[]).includes(section) || rest.length === 0) {
        throw new ConfigError(where(`grid key '${path}' must start with data., config. or options. (e.g. options.cN).`));
      }
      if (!Array.isArray(values) || values.length === 0) throw new ConfigError(where(`grid '${path}' must be a non-empty list of values.`));
    }
  }
  if (raw.overrides !== undefined) {
    if (!Array.isArray(raw.overrides) || raw.overrides.length === 0) throw new ConfigError(where(`overrides must be a non-empty list. Fix the spec.`));
    raw.overrides.forEach((o, k) => checkPart(o, `overrides[${k}]`));
  }
  const seeds = raw.seeds;
  const okCount = Number.isInteger(seeds) && (seeds as number) >= 1;
  const okList = Array.isArray(seeds) && seeds.length > 0 && seeds.every((s) => Number.isInteger(s)) && new Set(seeds).size === seeds.length;
  if (!okCount && !okList) throw new ConfigError(where(`seeds must be a count ≥ 1 or a list of distinct integers, got ${JSON.stringify(seeds)}.`));
  if (raw.name !== undefined && typeof raw.name !== 'string') throw new ConfigError(where(`name must be a string.`));
  if (raw.backend !== undefined && typeof raw.backend !== 'string') throw new ConfigError(where(`backend must be a string.`));
  return raw as unknown as SweepSpec;
}

/**
 * Parse a spec from JSON or YAML text (YAML is a superset of JSON) and validate it.
 *
 * ```ts
 * const spec = parseSweepSpec('config: { S: 32, I: 4 }\nseeds: 3\n');
 * ```
 */
export function parseSweepSpec(text: string, file = '<text>'): SweepSpec {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new ConfigError(where(`${file} is not valid JSON or YAML (${(e as Error).message.split('\n')[0]}). Fix the file.`));
  }
  return validateSweepSpec(raw);
}

/**
 * Read and validate a spec file (`.json`, `.yaml` or `.yml`).
 *
 * ```ts
 * const spec = readSweepSpec('sweeps/cn.yaml');
 * ```
 */
export function readSweepSpec(path: string): SweepSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(where(`cannot read ${path}. Check the path.`));
  }
  return parseSweepSpec(text, path);
}
