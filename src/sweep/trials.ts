import { ConfigError } from '../errors.js';
import { hashId, type Json } from './canonical.js';
import { SWEEP_SECTIONS, type SweepPart, type SweepSpec } from './spec.js';

/** One point of a sweep: the values it sets (dotted paths → value) and a label made of them. */
export interface SweepPoint {
  index: number;
  params: Record<string, Json>;
  label: string;
}

/**
 * One trial: a point at one seed, fully resolved. `id` hashes data + config + options + seed
 * (keys sorted), so the same trial has the same id in every sweep and on every machine.
 *
 * ```ts
 * const t: Trial = expandSweep(spec).trials[0];
 * t.id; t.options.cN; t.seed;
 * ```
 */
export interface Trial {
  id: string;
  point: number;
  params: Record<string, Json>;
  seed: number;
  data: Record<string, Json>;
  config: Record<string, Json>;
  options: Record<string, Json>;
  /** Training backend (not part of the id). */
  backend: string;
}

/** What `expandSweep` returns: the points, the trials (point-major, then seed) and the sweep id. */
export interface ExpandedSweep {
  /** Hash of the trial ids: equal specs, equal ids. */
  id: string;
  name: string;
  points: SweepPoint[];
  trials: Trial[];
}

/** The data spec every trial starts from, before the spec's `data`. */
export const DATA_DEFAULTS: Record<string, Json> = { dataset: 'spheres', normalize: 'none' };

function merge(a: Record<string, Json>, b: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    const bothObjects = [prev, v].every((x) => typeof x === 'object' && x !== null && !Array.isArray(x));
    out[k] = bothObjects ? merge(prev as Record<string, Json>, v as Record<string, Json>) : v;
  }
  return out;
}

/** Leaves of a nested object as dotted paths (arrays are leaves). */
function leaves(o: Record<string, Json>, at = ''): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(o)) {
    const path = at ? `${at}.${k}` : k;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) Object.assign(out, leaves(v, path));
    else out[path] = v;
  }
  return out;
}

/** The inverse of `leaves`: dotted paths → nested object. */
function nest(params: Record<string, Json>): SweepPart {
  const out: Record<string, Json> = {};
  for (const [path, v] of Object.entries(params)) {
    const keys = path.split('.');
    let o = out;
    for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, Json>;
    o[keys[keys.length - 1]] = v;
  }
  return out as SweepPart;
}

function gridPoints(grid: Record<string, Json[]>): Record<string, Json>[] {
  let out: Record<string, Json>[] = [{}];
  for (const [path, values] of Object.entries(grid)) out = out.flatMap((p) => values.map((v) => ({ ...p, [path]: v })));
  return out;
}

function formatValue(v: Json): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * The points and trials of a spec: the grid's cartesian product (or the overrides, in order; or
 * the base alone), each merged over the base, times the seeds.
 *
 * ```ts
 * const { points, trials } = expandSweep({ config: { S: 32, I: 4 }, grid: { 'options.cN': [1e-5, 1e-4] }, seeds: 3 });
 * points.length; // 2
 * trials.length; // 6
 * ```
 */
export function expandSweep(spec: SweepSpec): ExpandedSweep {
  const seeds = typeof spec.seeds === 'number' ? Array.from({ length: spec.seeds }, (_, k) => k + 1) : spec.seeds;
  const params = spec.grid ? gridPoints(spec.grid) : spec.overrides ? spec.overrides.map((o) => leaves(o as Record<string, Json>)) : [{}];
  const points: SweepPoint[] = params.map((p, index) => ({
    index,
    params: p,
    label: Object.entries(p)
      .map(([k, v]) => `${k.split('.').pop()}=${formatValue(v)}`)
      .join(' ') || 'base',
  }));
  const trials: Trial[] = [];
  for (const point of points) {
    const over = nest(point.params);
    for (const seed of seeds) {
      // The trial's seed goes to every section that does not set its own (a pinned seed holds for every trial).
      const part = Object.fromEntries(
        SWEEP_SECTIONS.map((s) => [s, merge(merge(merge(s === 'data' ? DATA_DEFAULTS : {}, { seed }), spec[s] ?? {}), over[s] ?? {})]),
      ) as Record<(typeof SWEEP_SECTIONS)[number], Record<string, Json>>;
      const id = hashId({ ...part, seed });
      trials.push({ id, point: point.index, params: point.params, seed, ...part, backend: spec.backend ?? 'auto' });
    }
  }
  const ids = trials.map((t) => t.id);
  const dup = ids.find((id, k) => ids.indexOf(id) !== k);
  if (dup) throw new ConfigError(`sweep spec: two points give the same trial (${dup}). Remove the duplicate point.`);
  return { id: hashId(ids), name: spec.name ?? 'sweep', points, trials };
}
