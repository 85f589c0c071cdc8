import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SweepError } from '../errors.js';
import { readTrialResult, type TrialResult } from './trial-dir.js';

const here = import.meta.url;
/** The trial child's entry, beside this file (`.ts` under tsx, `.js` in dist, `.mjs` beside a bundle). */
export const TRIAL_MAIN = fileURLToPath(new URL(`./trial-main${here.endsWith('.ts') ? '.ts' : here.endsWith('.mjs') ? '.mjs' : '.js'}`, here));

/**
 * Node flags for a child: ours (e.g. `--import tsx`), without the test runner's or the
 * inspector's. A dropped flag's value goes with it, whether written `--flag=value` or as the
 * next argument (`--test-name-pattern queue`).
 *
 * ```ts
 * import { spawn } from 'node:child_process';
 * spawn(process.execPath, [...childExecArgv(), TRIAL_MAIN, dir]);
 * ```
 */
export function childExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const dropped = (a: string) => a.startsWith('--test') || a.startsWith('--inspect');
  return execArgv.filter((a, i) => !dropped(a) && !(i > 0 && dropped(execArgv[i - 1]) && !execArgv[i - 1].includes('=') && !a.startsWith('-')));
}

/**
 * Run one trial in a child process (`trial-main`) and return its `result.json`. The child dies
 * with its parent (IPC channel); aborting `signal` kills it. Rejects with `SweepError` carrying
 * the child's last error line when it fails.
 *
 * ```ts
 * const r = await spawnTrial(trialDir('runs/sweep', trial.id));
 * ```
 */
export function spawnTrial(dir: string, o: { signal?: AbortSignal; env?: NodeJS.ProcessEnv } = {}): Promise<TrialResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...childExecArgv(), TRIAL_MAIN, dir], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: o.env ?? process.env,
    });
    let tail = '';
    child.stderr!.on('data', (b: Buffer) => {
      tail = (tail + b.toString()).slice(-4000);
    });
    const kill = () => child.kill('SIGKILL');
    o.signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (e) => reject(new SweepError(`sweep: cannot start a trial process (${e.message}). Check the Node installation.`)));
    child.on('exit', (code, signal) => {
      o.signal?.removeEventListener('abort', kill);
      const r = code === 0 ? readTrialResult(dir) : null;
      if (r) return resolve(r);
      const last = tail.trim().split('\n').filter(Boolean).pop() ?? `exit ${code ?? signal}`;
      reject(new SweepError(`sweep: trial in ${dir} failed: ${last}`));
    });
  });
}
