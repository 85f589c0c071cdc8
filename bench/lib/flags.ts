/**
 * The benches' flags, declared once: each bench exports `flags`, a record of flag name → `Flag`
 * built with `int`, `num`, `str`, `ints`, `nums`, `strs`, `bool`, `choice` or `choices` (kind,
 * default, one line of help), and its `run` starts with `parseFlags`, which returns the typed
 * values (the default where a flag is not given) or throws one `ConfigError` line saying what is
 * wrong and what to do. `flagHelp` lists them for `npm run bench -- <name> --help`.
 *
 * ```ts
 * export const flags = { epochs: int(200, 'epochs per trial'), activity: choice(['sum', 'mean'], 'sum', 'c_N over the batch') };
 * const o = parseFlags('fig3', flags, ['--epochs', '20']); // { epochs: 20, activity: 'sum' }
 * ```
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '../../src/errors.js';

export interface Flag<T> {
  /** How its value is written, for --help: `int`, `number-list`, `sum|mean`, … (`boolean`: no value). */
  kind: string;
  /** What a valid value is, for the error: `an integer`, `sum or mean`, … */
  expect: string;
  /** The value when the flag is not given; undefined: none (the help line says what happens then). */
  default: T;
  help: string;
  /** The value `raw` stands for, or undefined when it stands for none. */
  read(raw: string): T | undefined;
}

export type FlagSpec = Record<string, Flag<unknown>>;
export type FlagValues<S extends FlagSpec> = { [K in keyof S]: S[K]['default'] };

type Read<T> = (raw: string) => T | undefined;

const asNumber: Read<number> = (raw) => {
  const v = raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(v) ? v : undefined;
};
const asInt: Read<number> = (raw) => {
  const v = asNumber(raw);
  return v !== undefined && Number.isSafeInteger(v) ? v : undefined;
};
const asString: Read<string> = (raw) => raw;

/** A comma-separated list of items (`length` of them when given); undefined when one is not an item. */
function listOf<T>(item: Read<T>, length?: number): Read<T[]> {
  return (raw) => {
    const xs = raw.split(',').map((s) => (s === '' ? undefined : item(s)));
    return xs.includes(undefined) || (length !== undefined && xs.length !== length) ? undefined : (xs as T[]);
  };
}

/** `a`, `a or b`, `a, b or c`. */
const orList = (xs: readonly string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`);

/** A constructor of flags of one kind: `(default, help) => Flag` (default undefined: optional). */
function kindOf<T>(kind: string, expect: string, read: Read<T>) {
  return <D extends T | undefined>(def: D, help: string): Flag<T | D> => ({ kind, expect, default: def, help, read });
}

/** A list kind, optionally of a fixed length: `(default, help, length?) => Flag`. */
function listKindOf<T>(kind: string, items: string, read: Read<T>) {
  return <D extends T[] | undefined>(def: D, help: string, length?: number): Flag<T[] | D> =>
    kindOf<T[]>(length ? `${kind}(${length})` : kind, `a comma-separated list of ${length ? `${length} ` : ''}${items}`, listOf(read, length))(def, help);
}

export const int = kindOf<number>('int', 'an integer', asInt);
export const num = kindOf<number>('number', 'a number', asNumber);
export const str = kindOf<string>('string', 'a string', asString);
export const ints = listKindOf<number>('int-list', 'integers', asInt);
export const nums = listKindOf<number>('number-list', 'numbers', asNumber);
export const strs = listKindOf<string>('string-list', 'strings', asString);

/** A switch: false unless given (as `--name`, without a value). */
export const bool = (help: string): Flag<boolean> => ({ kind: 'boolean', expect: 'no value', default: false, help, read: () => true });

/** One of `values`. */
export function choice<const C extends readonly string[], D extends C[number] | undefined>(values: C, def: D, help: string): Flag<C[number] | D> {
  const read = (raw: string) => (values.includes(raw) ? (raw as C[number]) : undefined);
  return kindOf<C[number]>(values.join('|'), orList(values), read)(def, help);
}

/** A comma-separated list of some of `values`. */
export function choices<const C extends readonly string[]>(values: C, def: C[number][], help: string): Flag<C[number][]> {
  const read = listOf((raw) => (values.includes(raw) ? (raw as C[number]) : undefined));
  return { kind: `list of ${values.join('|')}`, expect: `a comma-separated list of ${orList(values)}`, default: def, help, read };
}

/** Where to look: the bench's --help. */
const seeHelp = (bench: string) => `See npm run bench -- ${bench} --help.`;

/** Optimal string alignment distance (an adjacent swap counts 1), for did-you-mean. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known name nearest `name` (case aside, within a third of its length, at least 1), if any. */
export function nearestFlag(name: string, known: string[]): string | undefined {
  const scored = known.map((k) => ({ k, d: distance(name.toLowerCase(), k.toLowerCase()) }));
  const best = scored.sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(1, Math.floor(name.length / 3)) ? best.k : undefined;
}

function unknownFlag(bench: string, raw: string, known: string[]): ConfigError {
  const near = nearestFlag(raw.replace(/^-+/, ''), known);
  const hint = near ? ` Did you mean --${near}?` : raw.startsWith('--') ? '' : ' Flags are written --name.';
  return new ConfigError(`unknown flag ${raw}.${hint} ${seeHelp(bench)}`);
}

/** The value of one given flag: `value` as parseArgs tokenised it (inline after `=` or the next argument). */
function valueOf(bench: string, name: string, f: Flag<unknown>, value: string | undefined, inline: boolean | undefined): unknown {
  if (f.kind === 'boolean') {
    if (value !== undefined) throw new ConfigError(`--${name} takes no value, got ${JSON.stringify(value)}. Give --${name} alone.`);
    return true;
  }
  // A value that is itself a flag means the value was left out (`--out --epochs 5`).
  if (value === undefined || (!inline && value.startsWith('--'))) throw new ConfigError(`--${name} needs a value: ${f.expect}. ${seeHelp(bench)}`);
  const v = f.read(value);
  if (v === undefined) throw new ConfigError(`--${name} must be ${f.expect}, got ${JSON.stringify(value)}.`);
  return v;
}

/**
 * The typed values of `args` (`--name value`, `--name=value`, `--switch`) under `spec`, every
 * flag not given at its default. Throws a `ConfigError` on an unknown flag (naming the nearest
 * known one), a missing or malformed value, a value outside a choice, a flag given twice or a
 * stray argument, before anything runs.
 */
export function parseFlags<S extends FlagSpec>(bench: string, spec: S, args: string[]): FlagValues<S> {
  return readFlags(bench, spec, args).values;
}

/** `parseFlags`, and each given flag's value as written (`''` for a switch), for passing flags on. */
export function readFlags<S extends FlagSpec>(bench: string, spec: S, args: string[]): { values: FlagValues<S>; given: Map<string, string> } {
  const known = Object.keys(spec);
  const options = Object.fromEntries(known.map((k) => [k, { type: spec[k].kind === 'boolean' ? ('boolean' as const) : ('string' as const) }]));
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, unknown> = Object.fromEntries(known.map((k) => [k, spec[k].default]));
  const given = new Map<string, string>();
  for (const t of tokens) {
    if (t.kind !== 'option') {
      const raw = t.kind === 'positional' ? t.value : '--';
      throw new ConfigError(`unexpected argument ${JSON.stringify(raw)}: every argument is a --flag or the value after one. ${seeHelp(bench)}`);
    }
    if (!Object.hasOwn(spec, t.name) || t.rawName !== `--${t.name}`) throw unknownFlag(bench, t.rawName, known);
    if (given.has(t.name)) throw new ConfigError(`--${t.name} is given twice. Give it once.`);
    values[t.name] = valueOf(bench, t.name, spec[t.name], t.value, t.inlineValue);
    given.set(t.name, t.value ?? '');
  }
  return { values: values as FlagValues<S>, given };
}

/** A default as --help shows it (nothing for none or off). */
function shown(v: unknown): string {
  if (v === undefined || v === false || (Array.isArray(v) && v.length === 0)) return '';
  const one = (x: unknown) => (typeof x === 'number' && x !== 0 && Math.abs(x) < 0.01 ? x.toExponential() : String(x));
  return Array.isArray(v) ? v.map(one).join(',') : one(v);
}

/**
 * The usage of one bench: every flag with its kind, help and default, then `extra` (the
 * dispatcher's own); `usage` is how it is called (default `npm run bench -- <bench>`).
 */
export function flagHelp(bench: string, spec: FlagSpec, extra: FlagSpec = {}, usage = `npm run bench -- ${bench}`): string {
  const rows = Object.entries({ ...spec, ...extra }).map(([k, f]) => {
    const d = shown(f.default);
    return [`--${k}${f.kind === 'boolean' ? '' : ` <${f.kind}>`}`, `${f.help}${d ? ` (default ${d})` : ''}`];
  });
  // Names past the column (long choices) stand on a line of their own.
  const w = Math.min(32, Math.max(...rows.map((r) => r[0].length)));
  const line = ([name, text]: string[]) => (name.length > w ? `  ${name}\n  ${''.padEnd(w)}  ${text}` : `  ${name.padEnd(w)}  ${text}`);
  return [`usage: ${usage} [--flag value …]`, '', ...rows.map(line), ''].join('\n');
}
