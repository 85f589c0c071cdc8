/**
 * The prepared GPU check: everything about the webgpu backend that needs a GPU, in one run.
 * Sections (`--only a,b`): setup (Dawn adapter, tfjs-backend-webgpu internals), kernels (WGSL
 * GEMM and Adam vs the cpu backend and the TypeScript reference; URN steps vs cpu), e2e (train →
 * export → verify on webgpu in a child process, which must also exit on its own), timing (GEMMs
 * and Adam at S = 5000, stock vs WGSL), train-step (the bench at S = 5000, B = 128 and 4000, with
 * PyTorch in the same run), s20000 (memory estimate and steps at S = 20,000).
 * Writes $OUT/gpu-check.json after every section (so a cut-off run still reports), exits 0 when
 * every check passed, 1 when one failed, 3 when there is no adapter.
 *
 *   bash ../shared/gpu/pack.sh bench/gpu-check.ts && bash .gpu/run.sh gpu-check.mjs   (GPU machine)
 *   npm run bench -- gpu-check [--only setup,kernels] [--quick]                         (here: "no adapter")
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tf } from '../src/train/tf.js';
import { initBackend } from '../src/train/backend.js';
import { webgpuDevice } from '../src/train/webgpu/dawn.js';
import { checkInternals } from '../src/train/kernels/webgpu/internals.js';
import { checkTrainMemory, estimateTrainMemory, memoryLimit } from '../src/train/memory.js';
import { atomicWriteFileSync } from '../src/util/atomic-write.js';
import { adamChecks, gemmChecks, stepChecks, type Check } from './lib/gpu-kernels.js';
import { adamTimings, gemmTimings } from './lib/gpu-timing.js';
import { e2eChild, E2E_FLAG } from './lib/gpu-e2e.js';
import { run as trainStep } from './train-step.js';
import { bool, choices, parseFlags, str } from './lib/flags.js';
import { mainOf } from './lib/entry.js';

const SECTIONS = ['setup', 'kernels', 'e2e', 'timing', 'train-step', 's20000'] as const;

export const flags = {
  out: str(process.env.OUT ?? 'gpu-out', 'the folder of gpu-check.json; the default is $OUT when set'),
  only: choices(SECTIONS, [...SECTIONS], 'the sections to run (setup always runs)'),
  quick: bool('smaller sizes, and no S = 20,000'),
};

/** The e2e section: this script again, as a child that trains, exports and verifies on webgpu. */
function e2e(out: string): Check[] {
  const self = fileURLToPath(import.meta.url);
  const p = spawnSync(process.execPath, [...process.execArgv, self, E2E_FLAG, out], { encoding: 'utf8', timeout: 240_000, env: process.env });
  const last = p.stdout.trim().split('\n').pop() ?? '';
  const exited = p.error === undefined && p.signal === null;
  const checks: Check[] = [{ name: 'e2e child exits on its own (Dawn leaves the event loop)', ok: exited, maxAbs: 0, maxRel: 0, detail: exited ? undefined : `killed after 240 s (${p.error?.message ?? p.signal})` }];
  try {
    checks.push(...(JSON.parse(last) as Check[]));
  } catch {
    checks.push({ name: 'e2e train → export → verify on webgpu', ok: false, maxAbs: NaN, maxRel: NaN, detail: (p.stderr || last).slice(-800) });
  }
  return checks;
}

/** S = 20,000: the memory estimate against the device, then three steps when it fits. */
async function s20000(): Promise<Record<string, unknown>> {
  const est = estimateTrainMemory(20000, 4, 128);
  const limits = memoryLimit('webgpu');
  try {
    checkTrainMemory({ S: 20000, I: 4 }, 128, 'webgpu', limits);
  } catch (e) {
    return { estimate: est, limits, refused: (e as Error).message };
  }
  const r = await trainStep(['--S', '20000', '--B', '128', '--backends', 'webgpu', '--variants', '+wgsl', '--seconds', '5']);
  return { estimate: est, limits, rows: r.rows, numBytes: tf.memory().numBytes };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { out, only, quick } = parseFlags('gpu-check', flags, args);
  mkdirSync(out, { recursive: true });
  const result: Record<string, unknown> = { started: new Date().toISOString(), node: process.version, sections: {} };
  const sections = result.sections as Record<string, unknown>;
  const save = () => atomicWriteFileSync(join(out, 'gpu-check.json'), `${JSON.stringify(result, null, 1)}\n`);
  const checks: Check[] = [];
  const section = async <T>(name: (typeof SECTIONS)[number], fn: () => Promise<T> | T) => {
    if (!only.includes(name)) return;
    const t0 = performance.now();
    console.log(`== ${name}`);
    try {
      const r = await fn();
      if (Array.isArray(r)) checks.push(...(r as Check[]));
      sections[name] = { seconds: (performance.now() - t0) / 1000, result: r };
    } catch (e) {
      console.log(`${name}: FAILED ${(e as Error).stack}`);
      checks.push({ name: `${name} ran`, ok: false, maxAbs: NaN, maxRel: NaN, detail: String((e as Error).stack).slice(0, 800) });
      sections[name] = { seconds: (performance.now() - t0) / 1000, error: String((e as Error).stack).slice(0, 2000) };
    }
    save();
  };
  try {
    const report = await initBackend({ backend: 'webgpu' });
    result.backend = { ...report, limits: webgpuDevice(), internals: checkInternals() ?? 'ok' };
    console.log(`webgpu on ${report.device}; kernels: ${report.accel.join(', ') || 'none'}`);
  } catch (e) {
    result.noAdapter = (e as Error).message;
    save();
    console.log(`gpu-check: no adapter: ${(e as Error).message}`);
    return { ...result, exitCode: 3 };
  }
  await section('kernels', async () => [...(await gemmChecks(quick ? 300 : 1000, quick ? [32] : [32, 128, 1000])), ...(await adamChecks(quick ? 200 : 1000)), ...(await stepChecks())]);
  await section('e2e', () => e2e(out));
  await section('timing', async () => [...(await gemmTimings(quick ? 1000 : 5000, quick ? [128] : [128, 4000])), ...(await adamTimings(quick ? 1000 : 5000))].map((t) => ({ ...t, name: `timing ${t.op} ${t.variant}`, ok: Number.isFinite(t.ms), maxAbs: 0, maxRel: 0, detail: `${t.ms.toFixed(3)} ms, ${t.rate.toFixed(2)} ${t.unit}` })));
  await section('train-step', () => trainStep(['--S', quick ? '1000' : '5000', '--B', quick ? '128' : '128,4000', '--backends', 'webgpu', '--seconds', '3']));
  await section('s20000', () => (quick ? { skipped: '--quick' } : s20000()));
  const failed = checks.filter((c) => !c.ok);
  for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}  max|Δ| ${c.maxAbs.toExponential(2)}  rel ${c.maxRel.toExponential(2)}${c.detail ? `  (${c.detail.split('\n')[0]})` : ''}`);
  result.summary = { checks: checks.length, failed: failed.map((c) => c.name), finished: new Date().toISOString(), isNullDevice: webgpuDevice()?.isNull ?? false };
  save();
  console.log(`gpu-check: ${checks.length - failed.length} passed, ${failed.length} failed; wrote ${join(out, 'gpu-check.json')}`);
  return { ...result, exitCode: failed.length ? 1 : 0 };
}

// Run directly (the bundle `.gpu/gpu-check.mjs`, or `node --import tsx bench/gpu-check.ts`). By
// name: bundled into gpu-figures.mjs, import.meta.url is that bundle's.
if (/^gpu-check\.(ts|mjs)$/.test(basename(process.argv[1] ?? ''))) {
  if (process.argv[2] === E2E_FLAG) await e2eChild(process.argv[3]);
  else await mainOf('gpu-check', { flags, run }, process.argv.slice(2), 'bash .gpu/run.sh gpu-check.mjs');
}
