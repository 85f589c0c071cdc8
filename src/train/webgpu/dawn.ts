import { tf } from '../tf.js';
import { diagnoseVulkan, findVulkanDrivers, nvidiaDriver } from './vulkan.js';

/** The GPU behind the `webgpu` backend, as Dawn describes it. */
export interface WebgpuDevice {
  /** e.g. 'NVIDIA H200 (nvidia, hopper; NVIDIA driver 580.159)'. */
  description: string;
  /** Largest single buffer and storage binding, in bytes (W must fit in one). */
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  /** True on Dawn's Null backend (URN_DAWN_FLAGS=backend=null): it compiles kernels but computes nothing. */
  isNull: boolean;
}

/** The parts of a Dawn adapter this module reads. */
interface Adapter {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
}

let device: WebgpuDevice | null = null;
/** The first error the GPU device reported on its own (a program that did not compile, …). */
let fault: string | null = null;

type ErrorTarget = { addEventListener?(type: string, f: (ev: { error?: { message?: string } }) => void): void };

/** Dawn's toggles from URN_DAWN_FLAGS (comma-separated; `backend=null` for kernel compile checks). */
const dawnFlags = (): string[] => (process.env.URN_DAWN_FLAGS ?? '').split(',').filter(Boolean);

function describe(a: Adapter, isNull: boolean): WebgpuDevice {
  const i = a.info ?? {};
  if (isNull) return { description: "Dawn's Null backend (no GPU: compiles kernels, computes nothing)", ...limits(a), isNull };
  const name = i.description || i.device || 'unnamed adapter';
  const detail = [i.vendor, i.architecture].filter(Boolean).join(', ');
  const driver = nvidiaDriver();
  return {
    description: `${name}${detail || driver ? ` (${[detail, driver].filter(Boolean).join('; ')})` : ''}`,
    ...limits(a),
    isNull,
  };
}

const limits = (a: Adapter) => ({ maxBufferSize: a.limits.maxBufferSize, maxStorageBufferBindingSize: a.limits.maxStorageBufferBindingSize });

const failure = (pkg: string, e: unknown): string => {
  const msg = (e as Error).message.split('\n')[0];
  const code = (e as NodeJS.ErrnoException).code;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && msg.includes(pkg)
    ? `${pkg} is not installed (an optional dependency: npm i ${pkg})`
    : `${pkg} failed to load: ${msg}`;
};

/**
 * Bring up tfjs's `webgpu` backend on Dawn (the `webgpu` package): check for the Vulkan loader
 * and a driver first (so a machine without them gets the reason, not Dawn's warning), ask Dawn
 * for an adapter, expose it as `navigator.gpu`, load @tensorflow/tfjs-backend-webgpu and switch
 * to it. Returns null on success, else why not.
 *
 * ```ts
 * const why = await tryWebgpu(); // 'no Vulkan loader (libvulkan.so.1; apt-get install libvulkan1)'
 * ```
 */
export async function tryWebgpu(): Promise<string | null> {
  const flags = dawnFlags();
  const isNull = flags.includes('backend=null');
  if (!isNull) {
    const why = diagnoseVulkan();
    if (why) return why;
  }
  let dawn: { create(flags: string[]): { requestAdapter(o?: object): Promise<Adapter | null> }; globals: object };
  try {
    dawn = await import('webgpu' as string);
  } catch (e) {
    return failure('webgpu', e);
  }
  const gpu = dawn.create(flags);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    const drivers = findVulkanDrivers().map((f) => f.split('/').pop()).join(', ');
    return `Dawn found no GPU adapter through Vulkan (drivers: ${drivers}); the driver may be too old for Dawn (Debian 12's lavapipe is)`;
  }
  Object.assign(globalThis, dawn.globals);
  const g = globalThis as { navigator?: { gpu?: unknown } };
  if (!g.navigator) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
  g.navigator!.gpu = gpu;
  try {
    await import('@tensorflow/tfjs-backend-webgpu' as string);
  } catch (e) {
    return failure('@tensorflow/tfjs-backend-webgpu', e);
  }
  try {
    if (!(await tf.setBackend('webgpu'))) return "tfjs-backend-webgpu did not initialise on Dawn's adapter";
  } catch (e) {
    return `tfjs-backend-webgpu failed: ${(e as Error).message.split('\n')[0]}`;
  }
  device = describe(adapter, isNull);
  // A GPU runs an invalid program as a no-op and leaves its output as it was: keep the first such
  // error, so that training can stop on it (`webgpuFault`) instead of going on with zeros.
  const gpuDevice = (tf.backend() as unknown as { device?: ErrorTarget }).device;
  gpuDevice?.addEventListener?.('uncapturederror', (ev) => {
    fault ??= String(ev.error?.message ?? 'an unnamed device error').split('\n')[0];
  });
  return null;
}

/**
 * The first error the webgpu device reported outside an error scope (an invalid WGSL program,
 * an out-of-memory), or null. `clear` forgets it (tests).
 *
 * ```ts
 * const why = webgpuFault(); // null while every program compiled
 * ```
 */
export function webgpuFault(clear = false): string | null {
  const f = fault;
  if (clear) fault = null;
  return f;
}

/**
 * The adapter the `webgpu` backend runs on, or null before it is initialised.
 *
 * ```ts
 * webgpuDevice()?.description; // 'NVIDIA H200 (nvidia, hopper; NVIDIA driver 580.159)'
 * ```
 */
export const webgpuDevice = (): WebgpuDevice | null => device;
