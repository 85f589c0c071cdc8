import { tf } from '../tf.js';
import { loadNative } from './native.js';
import { installNativeMatMul, nativeMatMulInstalled, uninstallNativeMatMul } from './native-matmul.js';
import { nativeAdamActive, setNativeAdam } from './native-adam.js';
import { checkNativeKernels } from './self-check.js';
import { installWasmKernelFixes } from './wasm-fixes.js';
import { installWebgpuMatMul, uninstallWebgpuMatMul, webgpuMatMulInstalled } from './webgpu/gemm.js';
import { setWebgpuAdam, webgpuAdamActive } from './webgpu/adam-l1.js';
import { installWebgpuKernelFixes } from './webgpu/fixes.js';
import { installWasmTransposedMatMul, uninstallWasmTransposedMatMul, wasmTransposedMatMulInstalled } from './wasm-transposed-matmul.js';

/** The speed-ups active on a backend, and one line for each that is not and why. */
export interface AccelReport {
  /** e.g. ['wasm-transposed-matmul', 'native-blas', 'native-adam']. */
  accel: string[];
  notes: string[];
}

/** Which speed-ups to have (benchmarks switch them; training uses the defaults). */
export interface AccelChoice {
  /** The transpose-first `BatchMatMul` wrapper (wasm only). Default true unless URN_WASM_TRANSPOSE=0. */
  transpose?: boolean;
  /** The native CBLAS kernels and Adam pass (wasm and cpu). Default true unless URN_NATIVE=0. */
  native?: boolean;
  /** The WGSL GEMM and Adam pass (webgpu). Default true unless URN_WEBGPU_KERNELS=0. */
  webgpu?: boolean;
}

const failed = new Map<string, string>();

async function nativeOn(kind: 'wasm' | 'cpu', notes: string[]): Promise<void> {
  const { addon, reason } = loadNative();
  if (!addon) return void notes.push(reason);
  const earlier = failed.get(kind);
  if (earlier) return void notes.push(earlier);
  if (!installNativeMatMul(addon, kind)) return void notes.push(`native addon: no ${kind} matmul kernel to override`);
  const why = await checkNativeKernels(addon);
  if (why) {
    uninstallNativeMatMul(kind);
    setNativeAdam(null);
    const line = `native addon disabled: self-check failed on ${kind} (${why})`;
    failed.set(kind, line);
    process.stderr.write(`urn: ${line}\n`);
    return void notes.push(line);
  }
  setNativeAdam(addon);
  notes.push(reason);
}

/** The WGSL kernels on webgpu: installed, or taken out with the reason. */
function webgpuOn(on: boolean): AccelReport {
  installWebgpuKernelFixes(); // correctness, not a speed-up: always
  uninstallWebgpuMatMul();
  setWebgpuAdam(false);
  if (!on) return { accel: [], notes: ['WGSL kernels off (URN_WEBGPU_KERNELS=0): stock tfjs-backend-webgpu'] };
  if (!installWebgpuMatMul()) return { accel: [], notes: ['WGSL kernels unavailable: tfjs-backend-webgpu internals differ from 4.22'] };
  setWebgpuAdam(true);
  const accel = [...(webgpuMatMulInstalled() ? ['webgpu-gemm'] : []), ...(webgpuAdamActive() ? ['webgpu-adam'] : [])];
  return { accel, notes: ['WGSL kernels: fused L1 + Adam pass, GEMM for transposed operands'] };
}

/**
 * Set up the speed-ups for the backend now in use and report them: on webgpu the WGSL GEMM and
 * fused Adam pass, on wasm the transpose-first
 * matmul wrapper, on wasm and cpu the native addon (loaded, installed, then self-checked: on a
 * mismatch it is switched off and the reason is reported). Call after `tf.setBackend`.
 *
 * ```ts
 * await tf.setBackend('wasm');
 * const { accel, notes } = await configureAccel('wasm');
 * ```
 */
export async function configureAccel(kind: string, choice: AccelChoice = {}): Promise<AccelReport> {
  const notes: string[] = [];
  if (kind === 'webgpu') return webgpuOn(choice.webgpu ?? process.env.URN_WEBGPU_KERNELS !== '0');
  if (kind !== 'wasm' && kind !== 'cpu') return { accel: [], notes };
  uninstallNativeMatMul(kind);
  setNativeAdam(null);
  if (kind === 'wasm') {
    installWasmKernelFixes(); // correctness, not a speed-up: always
    if (choice.transpose ?? process.env.URN_WASM_TRANSPOSE !== '0') installWasmTransposedMatMul();
    else uninstallWasmTransposedMatMul();
  }
  if (choice.native ?? true) await nativeOn(kind, notes);
  const accel: string[] = [];
  if (kind === 'wasm' && wasmTransposedMatMulInstalled()) accel.push('wasm-transposed-matmul');
  if (nativeMatMulInstalled(kind)) accel.push('native-blas');
  if (nativeAdamActive()) accel.push('native-adam');
  return { accel, notes };
}

/**
 * Whether a matmul asked for N·Wᵀ copies W into a transpose at every call on the backend in use:
 * stock wasm does (its transposed GEMMs run through a transpose, see `installWasmKernelFixes` and
 * the transpose-first wrapper); native CBLAS and TensorFlow transpose for free. Callers that
 * multiply by the same Wᵀ several times then transpose once themselves.
 *
 * ```ts
 * const Wm = transposedGemmCopies() ? tf.transpose(W) : W;
 * ```
 */
export function transposedGemmCopies(): boolean {
  return tf.getBackend() === 'wasm' && !nativeMatMulInstalled('wasm');
}
