import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { atomicWriteFileSync } from '../src/util/atomic-write.js';
import type { Snapshot } from '../src/core/snapshot.js';
import { createRng } from '../src/util/rng.js';

/**
 * This machine's float32 GEMM rate in GFLOP/s, measured now with numpy (OpenBLAS), or null when
 * python3 with numpy is not available. Best of several n×n products.
 */
export function numpyGemmGflops(n = 2048, reps = 5): number | null {
  const code = `
import time, numpy as np
a = np.random.rand(${n}, ${n}).astype(np.float32); b = np.random.rand(${n}, ${n}).astype(np.float32)
a @ b
best = 1e9
for _ in range(${reps}):
    t = time.perf_counter(); a @ b; best = min(best, time.perf_counter() - t)
print(2 * ${n}**3 / best / 1e9)`;
  const p = spawnSync('python3', ['-c', code], { encoding: 'utf8', timeout: 120_000 });
  if (p.status !== 0) return null;
  const v = Number(p.stdout.trim());
  return Number.isFinite(v) ? v : null;
}

/** Median of a list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Write a bench's results file (pretty JSON, atomically, its folder made if missing) and say where. */
export function writeResults(path: string, body: unknown, indent = 2): void {
  mkdirSync(dirname(path), { recursive: true });
  atomicWriteFileSync(path, `${JSON.stringify(body, null, indent)}\n`);
  console.log(`wrote ${path}`);
}

/**
 * A random URN (dIn 10, dOut 2, plain relu): each W entry nonzero with probability `density`,
 * normal with std 1.2/√(S·density) (activity neither dies nor explodes over I), biases N(0, 0.1²).
 */
export function randomSnapshot(S: number, I: number, density: number, seed: number): Snapshot {
  const rng = createRng(seed);
  const W = new Float32Array(S * S);
  const std = 1.2 / Math.sqrt(Math.max(1, S * density));
  for (let k = 0; k < W.length; k++) if (rng.next() < density) W[k] = rng.normal() * std;
  const b = new Float32Array(S);
  for (let i = 0; i < S; i++) b[i] = 0.1 * rng.normal();
  return { config: { S, I, dIn: 10, dOut: 2, rule: 'plain', activation: 'relu', seed }, W, b };
}
