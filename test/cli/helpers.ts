import { spawnSync } from 'node:child_process';

/** Run the CLI from source; `input` goes to its standard input. */
export function urn(args: string[], input?: string): { code: number | null; out: string; err: string } {
  const p = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', input });
  return { code: p.status, out: p.stdout, err: p.stderr };
}

/** The last line of stdout as JSON. */
export const lastJson = (s: string): any => JSON.parse(s.trim().split('\n').pop()!);

/** Assert-style check that stderr is exactly one `urn: <ErrorName>: ...` line (no stack trace). */
export function oneLineError(err: string, name: string): boolean {
  const lines = err.trimEnd().split('\n');
  return lines.length === 1 && lines[0].startsWith(`urn: ${name}: `) && !/\n\s+at /.test(err);
}
