/**
 * Benchmark dispatcher: `npm run bench -- <name> [--json] [flags…]`, `npm run bench -- <name> --help`.
 * Each bench/<name>.ts exports its `flags` (bench/lib/flags.ts) and `run(args): Promise<Record<string,
 * unknown>>`, which reads them with `parseFlags` before anything else and prints its own
 * human-readable lines; with --json the last line printed here is the result as one JSON object.
 * --help (or -h) prints the bench's flags and runs nothing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { bool, flagHelp } from './lib/flags.js';
import { runOrExit, wantsHelp, type BenchModule } from './lib/entry.js';

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
const mod = (await import(new URL(`${name}.ts`, here).href)) as BenchModule;
if (wantsHelp(rest)) {
  process.stdout.write(flagHelp(name, mod.flags, OWN_FLAGS));
  process.exit(0);
}
const json = rest.includes('--json');
// A bad flag is a typed error too: each bench's run reads its flags before it does anything.
const result = await runOrExit(name, mod, rest.filter((a) => a !== '--json'));
if (json) process.stdout.write(`${JSON.stringify({ bench: name, ...result })}\n`);
// A bench whose checks failed says so in its exit code (gpu-check, gpu-figures).
if (typeof result.exitCode === 'number') process.exitCode = result.exitCode;
