/**
 * Benchmark dispatcher: `npm run bench -- <name> [--json] [args…]`.
 * Each bench/<name>.ts exports `run(args): Promise<Record<string, unknown>>` and prints its own
 * human-readable lines; with --json the last line printed here is the result as one JSON object.
 */
import { existsSync, readdirSync } from 'node:fs';
import { describeError } from '../src/cli/exit-codes.js';

const [name, ...rest] = process.argv.slice(2);
const here = new URL('.', import.meta.url);
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'util.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !available.includes(name) || !existsSync(new URL(`${name}.ts`, here))) {
  process.stderr.write(`usage: npm run bench -- <name> [--json] [args]\navailable: ${available.join(', ')}\n`);
  process.exit(2);
}
const json = rest.includes('--json');
const mod = (await import(new URL(`${name}.ts`, here).href)) as { run(args: string[]): Promise<Record<string, unknown>> };
// A typed error is one line and the CLI's exit code, as `urn` prints it (URN_DEBUG=1: the stack).
const result = await mod.run(rest.filter((a) => a !== '--json')).catch((e: unknown) => {
  if (process.env.URN_DEBUG) throw e;
  const { code, line } = describeError(e);
  process.stderr.write(line.replace(/^urn: /, `bench ${name}: `));
  process.exit(code);
});
if (json) process.stdout.write(`${JSON.stringify({ bench: name, ...result })}\n`);
