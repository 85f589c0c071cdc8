/**
 * Benchmark dispatcher: `npm run bench -- <name> [--json] [flags…]`, `npm run bench -- <name> --help`.
 * Each bench/<name>.ts exports its `flags` (bench/lib/flags.ts) and `run(args): Promise<Record<string,
 * unknown>>`, which reads them with `parseFlags` before anything else and prints its own
 * human-readable lines; with --json the last line printed here is the result as one JSON object.
 * --help (or -h) prints the bench's flags and runs nothing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { describeError } from '../src/cli/exit-codes.js';
import { bool, flagHelp, type FlagSpec } from './lib/flags.js';

/** The flags this dispatcher reads itself, listed after each bench's own. */
const OWN_FLAGS = {
  json: bool('print the result as one JSON object on the last line'),
  help: bool('print this and run nothing (also -h)'),
};

const [name, ...rest] = process.argv.slice(2);
const here = new URL('.', import.meta.url);
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'util.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !available.includes(name) || !existsSync(new URL(`${name}.ts`, here))) {
  process.stderr.write(`usage: npm run bench -- <name> [--json] [flags]   (npm run bench -- <name> --help: its flags)\navailable: ${available.join(', ')}\n`);
  process.exit(2);
}
const mod = (await import(new URL(`${name}.ts`, here).href)) as { flags: FlagSpec; run(args: string[]): Promise<Record<string, unknown>> };
if (rest.includes('--help') || rest.includes('-h')) {
  process.stdout.write(flagHelp(name, mod.flags, OWN_FLAGS));
  process.exit(0);
}
const json = rest.includes('--json');
// A typed error is one line and the CLI's exit code, as `urn` prints it (URN_DEBUG=1: the stack).
// A bad flag is one too: each bench's run reads its flags before it does anything.
const result = await mod.run(rest.filter((a) => a !== '--json')).catch((e: unknown) => {
  if (process.env.URN_DEBUG) throw e;
  const { code, line } = describeError(e);
  process.stderr.write(line.replace(/^urn: /, `bench ${name}: `));
  process.exit(code);
});
if (json) process.stdout.write(`${JSON.stringify({ bench: name, ...result })}\n`);
