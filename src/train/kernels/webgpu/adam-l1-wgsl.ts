/** Threads per workgroup of the Adam pass. */
export const ADAM_WORKGROUP = 256;

/** Bytes of the pass's uniform block: 10 f32, the length, one pad word. */
export const ADAM_UNIFORM_BYTES = 48;

/**
 * The WGSL of the fused, in-place L1 + Adam pass (the semantics of `adamL1Reference`): one
 * grid-stride loop reads w, g, m, v (and d) once, writes w, m, v, and each workgroup writes its
 * partial Σ|w| and Σ|w|·d (over the w before the step) to part[2·wg], part[2·wg + 1].
 * Bindings: 0 w, 1 m, 2 v (read_write), 3 g, 4 part, 5 the uniforms, 6 d (only with `hasD`).
 *
 * ```ts
 * const code = adamL1Wgsl({ proximal: false, hasD: false });
 * ```
 */
export function adamL1Wgsl(o: { proximal: boolean; hasD: boolean }): string {
  const dk = o.hasD ? 'd[i]' : '0.0';
  const subgradient = o.hasD ? 'gi = gi + s * p.cW; gi = gi + s * (dk * p.cSyn);' : 'gi = gi + s * p.cW;';
  const update = o.proximal
    ? `let lam = ${o.hasD ? 'p.cW + dk * p.cSyn' : 'p.cW'};
    let au = abs(u) - (p.proxLr * lam) / q;
    w[i] = select(0.0, select(-au, au, u > 0.0), au > 0.0);`
    : 'w[i] = u;';
  return /* wgsl */ `
struct Params { lrc1: f32, b1: f32, b2: f32, ob1: f32, ob2: f32, c2: f32, eps: f32, cW: f32, cSyn: f32, proxLr: f32, n: u32, pad: u32 };
@group(0) @binding(0) var<storage, read_write> w: array<f32>;
@group(0) @binding(1) var<storage, read_write> m: array<f32>;
@group(0) @binding(2) var<storage, read_write> v: array<f32>;
@group(0) @binding(3) var<storage, read> g: array<f32>;
@group(0) @binding(4) var<storage, read_write> part: array<f32>;
@group(0) @binding(5) var<uniform> p: Params;
${o.hasD ? '@group(0) @binding(6) var<storage, read> d: array<f32>;' : ''}
var<workgroup> sumA: array<f32, ${ADAM_WORKGROUP}>;
var<workgroup> sumD: array<f32, ${ADAM_WORKGROUP}>;

@compute @workgroup_size(${ADAM_WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>,
        @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  var accA = 0.0;
  var accD = 0.0;
  let stride = nwg.x * ${ADAM_WORKGROUP}u;
  for (var i = gid.x; i < p.n; i += stride) {
    let wi = w[i];
    let aw = abs(wi);
    let dk = ${dk};
    var gi = g[i];
    ${o.proximal ? '' : `let s = sign(wi);\n    ${subgradient}`}
    let mi = m[i] * p.b1 + gi * p.ob1;
    let vi = v[i] * p.b2 + (gi * gi) * p.ob2;
    m[i] = mi;
    v[i] = vi;
    let q = sqrt(vi * p.c2) + p.eps;
    let u = wi - (mi * p.lrc1) / q;
    ${update}
    accA += aw;
    accD += aw * dk;
  }
  sumA[lid.x] = accA;
  sumD[lid.x] = accD;
  workgroupBarrier();
  for (var h = ${ADAM_WORKGROUP / 2}u; h > 0u; h >>= 1u) {
    if (lid.x < h) {
      sumA[lid.x] += sumA[lid.x + h];
      sumD[lid.x] += sumD[lid.x + h];
    }
    workgroupBarrier();
  }
  if (lid.x == 0u) {
    part[2u * wid.x] = sumA[0];
    part[2u * wid.x + 1u] = sumD[0];
  }
}`;
}

/**
 * The uniform block for one pass (layout of `Params` in `adamL1Wgsl`).
 *
 * ```ts
 * const bytes = adamL1Uniforms({ ...hyper, cW: 5e-7, cSyn: 0, proxLr: 0 }, W.size);
 * ```
 */
export function adamL1Uniforms(p: { lrc1: number; beta1: number; beta2: number; c2: number; epsilon: number; cW: number; cSyn: number; proxLr: number }, n: number): ArrayBuffer {
  const buf = new ArrayBuffer(ADAM_UNIFORM_BYTES);
  new Float32Array(buf, 0, 10).set([p.lrc1, p.beta1, p.beta2, 1 - p.beta1, 1 - p.beta2, p.c2, p.epsilon, p.cW, p.cSyn, p.proxLr]);
  new Uint32Array(buf, 40, 2).set([n, 0]);
  return buf;
}
