import { ModelFormatError, failWith } from '../errors.js';

/** Builds a `ModelFormatError` whose message starts with the place being checked. */
export type Fail = (msg: string) => never;

/**
 * A failure function for a message prefix.
 *
 * ```ts
 * const fail = failer('model file'); fail('S must be an integer.');
 * ```
 */
export const failer = (where: string): Fail => failWith(ModelFormatError, where);

/**
 * A plain object (msgpack map) with own keys only from `allowed`.
 *
 * ```ts
 * const o = record(v, 'config', ['S', 'I'], fail);
 * ```
 */
export function record(v: unknown, name: string, allowed: readonly string[], fail: Fail): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v)) fail(`${name} must be a map.`);
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) fail(`${name} must be a plain map.`);
  for (const k of Object.keys(v as object)) {
    if (!allowed.includes(k)) fail(`${name} has an unknown field '${k.slice(0, 40)}'.`);
  }
  return v as Record<string, unknown>;
}

/**
 * Own field of a record, or undefined (never an inherited one).
 *
 * ```ts
 * field(o, 'S');
 * ```
 */
export const field = (o: Record<string, unknown>, k: string): unknown =>
  Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;

/**
 * An integer in [min, max].
 *
 * ```ts
 * int(field(o, 'S'), 'config.S', 1, MAX_NEURONS, fail);
 * ```
 */
export function int(v: unknown, name: string, min: number, max: number, fail: Fail): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    fail(`${name} must be an integer in [${min}, ${max}], got ${describe(v)}.`);
  }
  return v as number;
}

/**
 * A finite number in [min, max].
 *
 * ```ts
 * finite(v, 'threshold', fail, 0);
 * ```
 */
export function finite(v: unknown, name: string, fail: Fail, min = -Infinity, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    fail(`${name} must be a finite number in [${min}, ${max}], got ${describe(v)}.`);
  }
  return v as number;
}

/**
 * One of the listed strings.
 *
 * ```ts
 * oneOf(v, 'form', ['replay', 'layered'], fail);
 * ```
 */
export function oneOf<T extends string>(v: unknown, name: string, options: readonly T[], fail: Fail): T {
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) {
    fail(`${name} must be one of ${options.join(', ')}, got ${describe(v)}.`);
  }
  return v as T;
}

/**
 * An array of at most `max` entries.
 *
 * ```ts
 * list(v, 'layers', MAX_ITERATIONS, fail);
 * ```
 */
export function list(v: unknown, name: string, max: number, fail: Fail): unknown[] {
  if (!Array.isArray(v)) fail(`${name} must be an array, got ${describe(v)}.`);
  if ((v as unknown[]).length > max) fail(`${name} has ${(v as unknown[]).length} entries, at most ${max} allowed.`);
  return v as unknown[];
}

/**
 * A short description of a value for messages (strings truncated).
 *
 * ```ts
 * describe('x'.repeat(100)); // the first 40 characters, quoted
 * ```
 */
export function describe(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 40));
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return typeof v;
}
