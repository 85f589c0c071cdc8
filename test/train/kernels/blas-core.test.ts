import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blasCoreFor, blasCoreOf, cpuFlags, slowBlasCore } from '../../../src/train/kernels/blas-core.js';

const AVX512 = ['avx512f', 'avx512bw', 'avx512vl', 'avx512dq', 'avx512cd'];

test('blasCoreFor picks the widest vector unit the flags prove', () => {
  assert.equal(blasCoreFor(new Set(['sse2', 'sse4_2'])), null);
  assert.equal(blasCoreFor(new Set(['avx'])), null);
  assert.equal(blasCoreFor(new Set(['avx2'])), null, 'AVX2 without FMA proves no Haswell');
  assert.equal(blasCoreFor(new Set(['avx2', 'fma'])), 'Haswell');
  assert.equal(blasCoreFor(new Set(['avx2', 'fma', ...AVX512.slice(0, 4)])), 'Haswell', 'an incomplete AVX-512 set');
  assert.equal(blasCoreFor(new Set(['avx2', 'fma', ...AVX512])), 'SkylakeX');
  assert.equal(blasCoreFor(new Set(['avx2', 'fma', ...AVX512, 'avx512_bf16'])), 'Cooperlake');
  assert.equal(blasCoreFor(new Set(['avx2', 'fma', ...AVX512, 'avx512_bf16', 'avx512_fp16', 'amx_tile'])), 'SapphireRapids');
});

test('cpuFlags reads the first flags line of /proc/cpuinfo', () => {
  const text = 'processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu sse2 avx2 fma\nbugs\t\t: spectre_v1\n\nprocessor\t: 1\nflags\t\t: fpu\n';
  assert.deepEqual([...cpuFlags(text)], ['fpu', 'sse2', 'avx2', 'fma']);
  assert.equal(cpuFlags('no flags here').size, 0);
});

test('blasCoreOf finds the core among OpenBLAS\'s build options', () => {
  assert.equal(blasCoreOf('OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Prescott MAX_THREADS=64'), 'Prescott');
  assert.equal(blasCoreOf('OpenBLAS 0.3.31.188.0  USE64BITINT DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64'), 'Haswell');
  assert.equal(blasCoreOf('OpenBLAS 0.3.21 DYNAMIC_ARCH MAX_THREADS=64'), null);
  assert.equal(blasCoreOf('CBLAS'), null);
});

test('slowBlasCore warns only for a pre-AVX2 core on a CPU with AVX2', () => {
  const avx2 = new Set(['avx2', 'fma']);
  assert.match(slowBlasCore('Prescott', avx2) ?? '', /Prescott kernels .* OPENBLAS_CORETYPE=Haswell/);
  assert.match(slowBlasCore('Sandybridge', avx2) ?? '', /Sandybridge/);
  assert.equal(slowBlasCore('Haswell', avx2), null);
  assert.equal(slowBlasCore('SkylakeX', new Set([...avx2, ...AVX512])), null);
  assert.equal(slowBlasCore('Prescott', new Set(['sse3'])), null, 'the right core for an old CPU');
  assert.equal(slowBlasCore(null, avx2), null);
});
