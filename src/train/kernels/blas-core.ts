import { readFileSync } from 'node:fs';

/**
 * OpenBLAS cores whose kernels predate AVX2: a DYNAMIC_ARCH build that does not know the CPU's
 * model (Debian 12's 0.3.21 on a Xeon it calls only "Intel(R) Xeon(R) Processor") falls back to
 * one of these and runs float32 GEMM about 6× slower (37 against 226 GFLOP/s on 2 cores here).
 */
const PRE_AVX2 = new Set(['Katmai', 'Coppermine', 'Northwood', 'Prescott', 'Banias', 'Core2', 'Penryn', 'Dunnington', 'Nehalem', 'Atom', 'Sandybridge', 'Barcelona', 'Bulldozer', 'Piledriver', 'Steamroller', 'Excavator']);

/**
 * The OpenBLAS core type whose kernels a CPU with these /proc/cpuinfo flags runs: the widest
 * vector unit the flags prove, or null when they prove no more than SSE (then OpenBLAS's own
 * detection is left alone). A DYNAMIC_ARCH build older than the name maps it to its nearest
 * (0.3.21 runs SapphireRapids as Cooperlake).
 *
 * ```ts
 * blasCoreFor(new Set(['avx2', 'fma'])); // 'Haswell'
 * ```
 */
export function blasCoreFor(flags: ReadonlySet<string>): string | null {
  const avx512 = ['avx512f', 'avx512bw', 'avx512vl', 'avx512dq', 'avx512cd'].every((f) => flags.has(f));
  if (avx512 && flags.has('amx_tile') && flags.has('avx512_fp16')) return 'SapphireRapids';
  if (avx512 && flags.has('avx512_bf16')) return 'Cooperlake';
  if (avx512) return 'SkylakeX';
  if (flags.has('avx2') && flags.has('fma')) return 'Haswell';
  return null;
}

/**
 * The first CPU's flags from /proc/cpuinfo, or an empty set where there is none (not Linux).
 *
 * ```ts
 * cpuFlags().has('avx2');
 * ```
 */
export function cpuFlags(text?: string): Set<string> {
  let info = text;
  if (info === undefined) {
    try {
      info = readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return new Set();
    }
  }
  const line = /^flags\s*:(.*)$/m.exec(info);
  return new Set(line ? line[1].trim().split(/\s+/) : []);
}

/**
 * The core name in OpenBLAS's config string ("OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY
 * Cooperlake MAX_THREADS=64"), or null when the string names none (another CBLAS).
 *
 * ```ts
 * blasCoreOf('OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Prescott MAX_THREADS=64'); // 'Prescott'
 * ```
 */
export function blasCoreOf(config: string): string | null {
  const words = config.trim().split(/\s+/);
  if (words[0] !== 'OpenBLAS') return null;
  // Build options are upper-case words (NO_LAPACKE, DYNAMIC_ARCH, MAX_THREADS=64); the core is not.
  return words.slice(2).find((w) => !/^[A-Z0-9_]+(=.*)?$/.test(w)) ?? null;
}

/**
 * A warning when OpenBLAS runs a core older than AVX2 on a CPU whose flags prove AVX2 (the loaded
 * library ignored OPENBLAS_CORETYPE, or was told an old core), else null.
 *
 * ```ts
 * slowBlasCore('Prescott', new Set(['avx2', 'fma'])); // 'OpenBLAS runs its Prescott kernels …'
 * ```
 */
export function slowBlasCore(core: string | null, flags: ReadonlySet<string>): string | null {
  const want = blasCoreFor(flags);
  if (!core || !want || !PRE_AVX2.has(core)) return null;
  return `OpenBLAS runs its ${core} kernels on a CPU with AVX2 (GEMM several times slower than it can be); set OPENBLAS_CORETYPE=${want} or install an OpenBLAS that knows this CPU`;
}
