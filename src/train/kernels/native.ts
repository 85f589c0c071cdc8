import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { blasCoreFor, blasCoreOf, cpuFlags, slowBlasCore } from './blas-core.js';

/** The addon's functions (native/urn_native.c). Buffers are ArrayBuffers, offsets in bytes. */
export interface NativeAddon {
  sgemm(
    a: ArrayBuffer, aOff: number, b: ArrayBuffer, bOff: number, c: ArrayBuffer, cOff: number,
    batch: number, M: number, N: number, K: number, transA: boolean, transB: boolean,
    strideA: number, strideB: number, strideC: number,
  ): void;
  biasAct(
    c: ArrayBuffer, cOff: number, rows: number, cols: number,
    bias: ArrayBuffer | null, biasOff: number, biasLen: number, act: number, alpha: number,
  ): void;
  adamL1(
    w: ArrayBuffer, wOff: number, g: ArrayBuffer, gOff: number, m: ArrayBuffer, mOff: number, v: ArrayBuffer, vOff: number,
    n: number, lrc1: number, beta1: number, beta2: number, c2: number, eps: number, cW: number,
    d: ArrayBuffer | null, dOff: number, cSyn: number, threads: number, proxLr: number,
    ids: ArrayBuffer | null, idsOff: number, u: number,
  ): [number, number];
  info(): { blas: string; threads: number };
}

/** Whether the addon is loaded, and why not when it is not. */
export interface NativeStatus {
  addon: NativeAddon | null;
  /** One line: what is active, or why not (and how to get it). */
  reason: string;
  /** Set when the addon works but its BLAS runs slow kernels (`slowBlasCore`). */
  warning?: string;
  /**
   * Who chose the OpenBLAS core: the user's `OPENBLAS_CORETYPE` (kept as given), the engine from
   * the CPU's flags, or OpenBLAS itself (flags that prove no AVX2); absent when not loaded.
   */
  coreFrom?: 'OPENBLAS_CORETYPE' | 'cpu flags' | 'OpenBLAS';
}

/** Path of the built addon, relative to the package root. */
export const NATIVE_PATH = 'build/Release/urn_native.node';
const HINT = 'apt-get install -y build-essential libopenblas-dev && npm run build:native';

let status: NativeStatus | null = null;

/**
 * Load the native addon once (null when `URN_NATIVE=0`, not built, or failing to load), with
 * OPENBLAS_NUM_THREADS set to the core count and OPENBLAS_CORETYPE to the core the CPU's flags
 * prove (`blasCoreFor`), each unless already set (an empty value counts as unset): an OpenBLAS
 * older than the CPU otherwise picks pre-AVX kernels. The reason names the core in use, and says
 * when it is the user's OPENBLAS_CORETYPE; a slow one is also said once on stderr. Does
 * not check the addon: `configureAccel` does before using it.
 *
 * ```ts
 * const { addon, reason } = loadNative();
 * ```
 */
export function loadNative(): NativeStatus {
  if (status) return status;
  if (process.env.URN_NATIVE === '0') return (status = { addon: null, reason: 'native addon disabled by URN_NATIVE=0' });
  const file = fileURLToPath(new URL(`../../../${NATIVE_PATH}`, import.meta.url));
  if (!existsSync(file)) return (status = { addon: null, reason: `native addon not built (${HINT})` });
  process.env.OPENBLAS_NUM_THREADS ??= String(availableParallelism());
  const flags = cpuFlags();
  const core = blasCoreFor(flags);
  const coreFrom = process.env.OPENBLAS_CORETYPE ? 'OPENBLAS_CORETYPE' : core ? 'cpu flags' : 'OpenBLAS';
  if (core && !process.env.OPENBLAS_CORETYPE) process.env.OPENBLAS_CORETYPE = core;
  try {
    const addon = createRequire(import.meta.url)(file) as NativeAddon;
    const { blas, threads } = addon.info();
    const inUse = blasCoreOf(blas);
    // A user's core is kept (the same summation order on every machine is a reason to set one),
    // but the report says when it is not the one the CPU's flags prove. Compared by name, not with
    // the core in use: an older OpenBLAS runs some names as others (SapphireRapids as Cooperlake).
    const other = core && process.env.OPENBLAS_CORETYPE!.toLowerCase() !== core.toLowerCase() ? ` (the CPU runs ${core})` : '';
    const coreName = inUse && coreFrom === 'OPENBLAS_CORETYPE' ? `${inUse} from OPENBLAS_CORETYPE${other}` : inUse;
    const name = [blas.trim().split(/\s+/).slice(0, 2).join(' '), coreName, `${threads || '?'} threads`].filter(Boolean).join(', ');
    const warning = slowBlasCore(inUse, flags) ?? undefined;
    if (warning) process.stderr.write(`urn: ${warning}\n`); // once: the status is cached
    return (status = { addon, reason: `native CBLAS (${name})${warning ? `; ${warning}` : ''}`, warning, coreFrom });
  } catch (e) {
    return (status = { addon: null, reason: `native addon failed to load: ${(e as Error).message.split('\n')[0]} (${HINT})` });
  }
}

/**
 * Threads for the native Adam pass: the core count.
 *
 * ```ts
 * const threads = nativeThreads(); // the last argument of addon.adamL1
 * ```
 */
export const nativeThreads = (): number => availableParallelism();
