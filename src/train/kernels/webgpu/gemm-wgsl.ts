import { GEMM_SIDE, type GemmTile } from '../gemm-tiling.js';

/** The variant of the GEMM kernel: operand layouts, epilogue, tile. */
export interface GemmVariant {
  transA: boolean;
  transB: boolean;
  bias: boolean;
  relu: boolean;
  tile: GemmTile;
}

/**
 * The body (tfjs-backend-webgpu `getUserCode`) of the tiled GEMM described in gemm-tiling.ts:
 * reads inputs A, B (and Bias), writes `result`, with uniforms M, N, K. tfjs supplies the
 * bindings, the uniforms block and `localId`, `localIndex`, `workgroupId`.
 *
 * ```ts
 * const code = gemmWgsl({ transA: true, transB: false, bias: false, relu: false, tile: { rm: 8, rn: 8, tk: 8 } });
 * ```
 */
export function gemmWgsl(v: GemmVariant): string {
  const { rm, rn, tk } = v.tile;
  const TM = GEMM_SIDE * rm;
  const TN = GEMM_SIDE * rn;
  const threads = GEMM_SIDE * GEMM_SIDE;
  if ((TM * tk) % threads || (TN * tk) % threads) throw new RangeError(`gemmWgsl: tile ${rm}×${rn}×${tk} does not load evenly over ${threads} threads.`);
  const load = (name: string, tile: string, T: number, kFastest: boolean, index: string, bound: string) => `
    for (var r = 0; r < ${(T * tk) / threads}; r++) {
      let idx = lin + r * ${threads};
      let t = ${kFastest ? `idx / ${tk}` : `idx % ${T}`};
      let kk = ${kFastest ? `idx % ${tk}` : `idx / ${T}`};
      let g = ${bound} + t;
      let gk = k0 + kk;
      var val = 0.0;
      if (g < ${name === 'A' ? 'M' : 'N'} && gk < K) { val = ${index}; }
      ${tile}[kk * ${T + 1} + t] = val;
    }`;
  const aIndex = v.transA ? 'A[gk * M + g]' : 'A[g * K + gk]';
  const bIndex = v.transB ? 'B[g * K + gk]' : 'B[gk * N + g]';
  return /* wgsl */ `
var<workgroup> tileA: array<f32, ${tk * (TM + 1)}>;
var<workgroup> tileB: array<f32, ${tk * (TN + 1)}>;

fn main() {
  let M = uniforms.M;
  let N = uniforms.N;
  let K = uniforms.K;
  let tx = i32(localId.x);
  let ty = i32(localId.y);
  let lin = i32(localIndex);
  let row0 = i32(workgroupId.y) * ${TM};
  let col0 = i32(workgroupId.x) * ${TN};
  var acc: array<f32, ${rm * rn}>;
  for (var k0 = 0; k0 < K; k0 += ${tk}) {${load('A', 'tileA', TM, !v.transA, aIndex, 'row0')}${load('B', 'tileB', TN, v.transB, bIndex, 'col0')}
    workgroupBarrier();
    for (var kk = 0; kk < ${tk}; kk++) {
      var a: array<f32, ${rm}>;
      var b: array<f32, ${rn}>;
      for (var i = 0; i < ${rm}; i++) { a[i] = tileA[kk * ${TM + 1} + ty + i * ${GEMM_SIDE}]; }
      for (var j = 0; j < ${rn}; j++) { b[j] = tileB[kk * ${TN + 1} + tx + j * ${GEMM_SIDE}]; }
      for (var i = 0; i < ${rm}; i++) {
        for (var j = 0; j < ${rn}; j++) { acc[i * ${rn} + j] = fma(a[i], b[j], acc[i * ${rn} + j]); }
      }
    }
    workgroupBarrier();
  }
  for (var i = 0; i < ${rm}; i++) {
    let gm = row0 + ty + i * ${GEMM_SIDE};
    for (var j = 0; j < ${rn}; j++) {
      let gn = col0 + tx + j * ${GEMM_SIDE};
      if (gm < M && gn < N) {
        var val = acc[i * ${rn} + j];
        ${v.bias ? 'val = val + Bias[gn];' : ''}
        ${v.relu ? 'val = max(val, 0.0);' : ''}
        result[gm * N + gn] = val;
      }
    }
  }
}`;
}
