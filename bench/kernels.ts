/**
 * The runtime's two block kernels against each other, in one run: for blocks of the sizes our
 * models produce, at each density, the speed of gemm.wat (the block stored dense, zeros included)
 * over spmm.wat (CSR) on the same matrix and state, median of per-round ratios (the two run in
 * turn, so the machine's load falls on both alike). The density where the ratio crosses 1 is where
 * `DENSE_MIN_DENSITY` (src/runtime/pack-panel.ts) should sit.
 *
 *   npm run bench -- kernels [--json] [flags]   (--help: every flag with its kind, default and meaning)
 */
import { WasmKernel } from '../src/runtime/wasm-kernel.js';
import { csrFromTriplets } from '../src/core/csr-build.js';
import { DENSE_MIN_DENSITY } from '../src/runtime/pack-panel.js';
import { createRng } from '../src/util/rng.js';
import { median } from './util.js';
import { int, nums, parseFlags, strs } from './lib/flags.js';
import { ConfigError } from '../src/errors.js';

export const flags = {
  m: int(64, 'samples per product'),
  shapes: strs(['66x784', '70x84', '176x500', '13x220', '220x10'], 'blocks, ROWSxCOLS each'),
  densities: nums([0.1, 0.3, 0.5, 0.6, 0.7, 0.8, 1], 'densities of each block'),
  rounds: int(21, 'rounds; the median of the per-round ratios is reported'),
};

/** `ROWSxCOLS` as [rows, cols]. */
function shapeOf(s: string): [number, number] {
  const m = /^(\d+)x(\d+)$/.exec(s);
  if (!m) throw new ConfigError(`--shapes must be a comma-separated list of ROWSxCOLS (such as 66x784), got ${JSON.stringify(s)}.`);
  return [Number(m[1]), Number(m[2])];
}

/** gemm's speed over spmm's on one random rows×cols block of the given density, m samples. */
function ratio(rows: number, cols: number, density: number, m: number, rounds: number): number {
  const rng = createRng(1);
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if (rng.next() < density) (r.push(i), c.push(j), v.push(rng.normal()));
  const A = csrFromTriplets(rows, cols, r, c, v);
  const k = new WasmKernel();
  const W = k.addCsr(A);
  const D = k.addDense(A);
  const bias = k.addFloats(new Float32Array(rows));
  const st = k.state((rows + cols) * m);
  for (let i = 0; i < st.length; i++) st[i] = rng.normal();
  const reps = Math.max(1, Math.round(2e6 / (rows * cols * m)));
  const time = (f: () => void) => {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) f();
    return performance.now() - t0;
  };
  const spmm = () => k.spmm(cols, 0, W, m, m, bias, true);
  const gemm = () => k.gemm(cols, 0, D, m, m, bias, true);
  for (let i = 0; i < 20; i++) (spmm(), gemm());
  const ratios = Array.from({ length: rounds }, () => time(spmm) / time(gemm));
  if (!Number.isFinite(st[cols * m])) throw new Error('kernels: non-finite result');
  return median(ratios);
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { m, rounds, densities, ...o } = parseFlags('kernels', flags, args);
  const shapes = o.shapes.map(shapeOf);
  const rows = [];
  for (const [R, K] of shapes) {
    const gemmOverSpmm = densities.map((d) => ratio(R, K, d, m, rounds));
    console.log(`${R}×${K}, m ${m}: gemm/spmm speed ${densities.map((d, i) => `${d}: ${gemmOverSpmm[i].toFixed(2)}`).join(', ')}`);
    rows.push({ rows: R, cols: K, densities, gemmOverSpmm });
  }
  console.log(`DENSE_MIN_DENSITY = ${DENSE_MIN_DENSITY}`);
  return { m, rounds, denseMinDensity: DENSE_MIN_DENSITY, shapes: rows };
}
