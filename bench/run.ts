/**
 * Benchmark dispatcher: `npm run bench -- <name> [--json] [args…]`.
 * Each bench/<name>.ts exports `run(args): Promise<Record<string, unknown>>` and prints its own
 * human-readable lines; with --json the last line printed here is the result as one JSON object.
 */
import { existsSync, readdirSync } from 'node:fs';

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
const result = await mod.run(rest.filter((a) => a !== '--json'));
if (json) process.stdout.write(`${JSON.stringify({ bench: name, ...result })}\n`);
