import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tf } from './tf.js';
import { BackendError, ConfigError, prefix } from '../errors.js';
import { installWasmTransposedMatMul } from './kernels/wasm-transposed-matmul.js';
import { configureAccel } from './kernels/accel.js';
import { tryWebgpu, webgpuDevice, webgpuFault } from './webgpu/dawn.js';
import { checkWebgpuKernels } from './kernels/webgpu/self-check.js';

/** Backends the engine can run on, fastest first. */
export type BackendName = 'webgpu' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

/** What `initBackend` chose and why it skipped the faster ones. */
export interface BackendReport {
  /** The engine's name for it (`webgpu`, `tensorflow-gpu`, `tensorflow`, `wasm`, `cpu`). */
  name: BackendName;
  /** tfjs's own backend name (`webgpu`, `tensorflow`, `wasm`, `cpu`). */
  tfBackend: string;
  /** The GPU it runs on (webgpu: Dawn's adapter), or null on the CPU backends. */
  device: string | null;
  /** One line per faster backend that was skipped, with the reason. */
  skipped: string[];
  /** True when the user asked for it rather than auto-selection picking it. */
  requested: boolean;
  /** Speed-ups in use, e.g. ['wasm-transposed-matmul', 'native-blas', 'native-adam']. */
  accel: string[];
  /** One line per speed-up: what it runs on, or why it is off and how to get it. */
  accelNotes: string[];
}

const where = prefix('backend');
const require = createRequire(import.meta.url);
let current: BackendReport | null = null;

function tryRequire(name: string): { ok: true; mod: unknown } | { ok: false; why: string } {
  try {
    return { ok: true, mod: require(name) };
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    const missing = (e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && msg.includes(name);
    return { ok: false, why: missing ? `${name} is not installed` : `${name} failed to load: ${msg}` };
  }
}

async function tryTensorflow(gpu: boolean): Promise<string | null> {
  const pkg = gpu ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
  const r = tryRequire(pkg);
  if (!r.ok) return r.why;
  if (!(await tf.setBackend('tensorflow'))) return `${pkg} loaded but the 'tensorflow' backend did not initialise`;
  if (gpu) {
    const b = tf.backend() as unknown as { isUsingGpuDevice?: boolean };
    if (!b.isUsingGpuDevice) return `${pkg} found no CUDA device`;
  }
  return null;
}

/** Import a backend package (a literal name, so that a bundler inlines it), or why not. */
async function tryImport<T>(name: string, load: () => Promise<T>): Promise<{ ok: true; mod: T } | { ok: false; why: string }> {
  try {
    return { ok: true, mod: await load() };
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    const code = (e as NodeJS.ErrnoException).code;
    const missing = (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && msg.includes(name);
    return { ok: false, why: missing ? `${name} is not installed` : `${name} failed to load: ${msg}` };
  }
}

async function tryWasm(): Promise<string | null> {
  const r = await tryImport('@tensorflow/tfjs-backend-wasm', () => import('@tensorflow/tfjs-backend-wasm'));
  if (!r.ok) return r.why;
  let dir: string;
  try {
    dir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
  } catch (e) {
    return `@tensorflow/tfjs-backend-wasm's files were not found: ${(e as Error).message.split('\n')[0]}`;
  }
  r.mod.setWasmPaths(dir.endsWith('/') ? dir : `${dir}/`);
  installWasmTransposedMatMul();
  try {
    if (!(await tf.setBackend('wasm'))) return 'wasm backend did not initialise';
  } catch (e) {
    return `wasm backend failed: ${(e as Error).message}`;
  }
  return null;
}

async function tryCpu(): Promise<string | null> {
  const r = await tryImport('@tensorflow/tfjs-backend-cpu', () => import('@tensorflow/tfjs-backend-cpu'));
  if (!r.ok) return r.why;
  return (await tf.setBackend('cpu')) ? null : 'cpu backend did not initialise';
}

/** Check the WGSL kernels on this GPU; off, with the reason, when they disagree with their references. */
async function selfCheckWebgpu(accel: string[], notes: string[]): Promise<{ accel: string[]; notes: string[] }> {
  const device = webgpuDevice();
  if (device?.isNull) return { accel, notes: [...notes, "WGSL kernels not self-checked: Dawn's Null backend computes nothing"] };
  const why = await checkWebgpuKernels();
  if (!why) return { accel, notes: [...notes, 'WGSL kernels self-checked against their references'] };
  await configureAccel('webgpu', { webgpu: false });
  const line = `WGSL kernels disabled: self-check failed on ${device?.description ?? 'this GPU'} (${why})`;
  process.stderr.write(`urn: ${line}\n`);
  return { accel: [], notes: [line] };
}

const attempts: Record<BackendName, () => Promise<string | null>> = {
  webgpu: tryWebgpu,
  'tensorflow-gpu': () => tryTensorflow(true),
  tensorflow: () => tryTensorflow(false),
  wasm: tryWasm,
  cpu: tryCpu,
};

/**
 * Pick and initialise the fastest available backend (webgpu when Dawn finds a GPU adapter, then
 * tfjs-node-gpu with a CUDA device, then tfjs-node, then wasm, then cpu), or the one asked for. Reports the choice and why faster ones
 * were skipped. Idempotent: a second call with the same request returns the same report.
 *
 * ```ts
 * const report = await initBackend();          // auto
 * await initBackend({ backend: 'cpu' });       // forced
 * ```
 */
export async function initBackend(options: { backend?: BackendName | 'auto' } = {}): Promise<BackendReport> {
  const want = options.backend ?? 'auto';
  if (want !== 'auto' && !BACKENDS.includes(want)) {
    throw new ConfigError(where(`unknown backend '${want}'. Use auto, ${BACKENDS.join(', ')}.`));
  }
  if (current && (want === 'auto' || want === current.name)) return current;
  // Silence tfjs's "install tfjs-node" banner and debug checks; errors still surface.
  tf.enableProdMode();
  const skipped: string[] = [];
  const order = want === 'auto' ? BACKENDS : [want];
  for (const name of order) {
    const why = await attempts[name]();
    if (why === null) {
      let { accel, notes } = await configureAccel(tf.getBackend());
      if (name === 'webgpu' && accel.length) ({ accel, notes } = await selfCheckWebgpu(accel, notes));
      const device = name === 'webgpu' ? (webgpuDevice()?.description ?? null) : null;
      current = { name, tfBackend: tf.getBackend(), device, skipped, requested: want !== 'auto', accel, accelNotes: notes };
      return current;
    }
    skipped.push(`${name}: ${why}`);
  }
  if (want !== 'auto') throw new BackendError(where(`${want} is not usable (${skipped.join('; ')}). Fix that, or use --backend auto.`));
  throw new BackendError(where(`no usable backend (${skipped.join('; ')}). Install @tensorflow/tfjs-backend-wasm.`));
}

/**
 * Throw `BackendError` when the backend in use has reported a fault of its own since it started
 * (on webgpu: a GPU program that did not compile, whose output would be left as zeros). Training
 * calls it after each epoch's reads, so such a run stops instead of going on silently wrong.
 *
 * ```ts
 * assertBackendHealthy(); // throws on a faulted webgpu device
 * ```
 */
export function assertBackendHealthy(): void {
  const f = current?.name === 'webgpu' ? webgpuFault() : null;
  if (f) {
    throw new BackendError(where(`the webgpu device reported "${f}", so its results cannot be trusted and training stopped. Train with --backend wasm, and report it with this message.`));
  }
}

/** The report of the backend in use, or null before `initBackend`. */
export const backendReport = (): BackendReport | null => current;
