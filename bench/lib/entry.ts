/**
 * How a bench ends, from the dispatcher (`npm run bench -- <name>`) or run directly as a script
 * (`bash .gpu/run.sh gpu-figures.mjs …`, `node --import tsx bench/gpu-check.ts …`): `--help` lists
 * the flags and runs nothing; a typed error is one line and the CLI's exit code, as `urn` prints
 * it (URN_DEBUG=1: the stack).
 */
import { describeError } from '../../src/cli/exit-codes.js';
import { flagHelp, type FlagSpec } from './flags.js';

/** A bench module: its flags and what it runs (`exitCode` in the result, when there is one). */
export interface BenchModule {
  flags: FlagSpec;
  run(args: string[]): Promise<Record<string, unknown>>;
}

/** Whether `args` ask for the help (`--help` or `-h`). */
export function wantsHelp(args: string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/**
 * Run `mod` on `args`; on an error, print its one line (prefixed `bench <name>: `) and exit with
 * its code. The caller gets the result only when it ran.
 *
 * ```ts
 * const result = await runOrExit('fig3', mod, ['--S', '100']);
 * ```
 */
export async function runOrExit(name: string, mod: BenchModule, args: string[]): Promise<Record<string, unknown>> {
  return mod.run(args).catch((e: unknown) => {
    if (process.env.URN_DEBUG) throw e;
    const { code, line } = describeError(e);
    process.stderr.write(line.replace(/^urn: /, `bench ${name}: `));
    process.exit(code);
  });
}

/**
 * A bench run directly as a script: `--help` (the flags, with `usage` as the first line), else
 * `runOrExit`, then exit with the result's `exitCode` (0 without one).
 *
 * ```ts
 * if (import.meta.url === `file://${process.argv[1]}`) await mainOf('gpu-check', { flags, run }, process.argv.slice(2), 'node --import tsx bench/gpu-check.ts');
 * ```
 */
export async function mainOf(name: string, mod: BenchModule, args: string[], usage: string): Promise<never> {
  if (wantsHelp(args)) {
    process.stdout.write(flagHelp(name, mod.flags, {}, usage));
    process.exit(0);
  }
  const result = await runOrExit(name, mod, args);
  process.exit(typeof result.exitCode === 'number' ? result.exitCode : 0);
}
