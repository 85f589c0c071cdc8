import { tf } from '../../tf.js';
import type { AdamHyper, AdamSlot } from '../native-adam.js';
import { ADAM_WORKGROUP, adamL1Uniforms, adamL1Wgsl } from './adam-l1-wgsl.js';
import { checkInternals, dispatch, gpuBuffer, uniformBuffer, webgpuBackend, type DeviceLike, type WebgpuBackendLike } from './internals.js';

/** Most workgroups of one pass (a grid-stride loop covers the rest). */
const MAX_GROUPS = 2048;

let enabled = false;
const pipelines = new Map<string, { device: DeviceLike; pipeline: ReturnType<DeviceLike['createComputePipeline']> }>();
/**
 * WGSL Adam passes since start (tests and the GPU check read it to be sure the kernel ran).
 *
 * ```ts
 * const before = webgpuAdamCalls.count;
 * ```
 */
export const webgpuAdamCalls = { count: 0 };

/**
 * Turn the fused WGSL L1 + Adam pass on or off for the webgpu backend (`configureAccel` does).
 *
 * ```ts
 * setWebgpuAdam(true);
 * ```
 */
export function setWebgpuAdam(on: boolean): void {
  enabled = on;
}

/**
 * Whether the WGSL Adam pass is on.
 *
 * ```ts
 * webgpuAdamActive(); // true on webgpu unless URN_WEBGPU_KERNELS=0
 * ```
 */
export const webgpuAdamActive = (): boolean => enabled;

function pipelineFor(device: DeviceLike, key: { proximal: boolean; hasD: boolean }) {
  const id = `${key.proximal}/${key.hasD}`;
  const hit = pipelines.get(id);
  if (hit && hit.device === device) return hit.pipeline;
  const module = device.createShaderModule({ code: adamL1Wgsl(key), label: `urn-adam-l1-${id}` });
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: `urn-adam-l1-${id}` });
  pipelines.set(id, { device, pipeline });
  return pipeline;
}

/** One pass over one slot; returns the partial-sums tensor ([groups, 2]) the caller disposes. */
function pass(be: WebgpuBackendLike, s: AdamSlot, h: AdamHyper, l1: { cW: number; cSyn: number; d: tf.Tensor | null; proximal: boolean }): tf.Tensor2D | null {
  const n = s.param.size;
  const groups = Math.max(1, Math.min(MAX_GROUPS, Math.ceil(n / ADAM_WORKGROUP)));
  const part = tf.zeros([groups, 2]) as tf.Tensor2D;
  const bufs = [gpuBuffer(be, s.param, true), gpuBuffer(be, s.m, true), gpuBuffer(be, s.v, true), gpuBuffer(be, s.grad, false), gpuBuffer(be, part, true)];
  const D = l1.d ? gpuBuffer(be, l1.d, false) : null;
  if (bufs.some((b) => b === null) || (l1.d && !D)) {
    part.dispose();
    return null;
  }
  const proxLr = l1.proximal ? h.lr : 0;
  const u = uniformBuffer(be, adamL1Uniforms({ lrc1: h.lrc1, beta1: h.beta1, beta2: h.beta2, c2: h.c2, epsilon: h.epsilon, cW: l1.cW, cSyn: l1.cSyn, proxLr }, n));
  const pipeline = pipelineFor(be.device, { proximal: l1.proximal, hasD: D !== null });
  const entries = [...bufs, u, ...(D ? [D] : [])].map((buffer, binding) => ({ binding, resource: { buffer } }));
  const bindGroup = be.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
  dispatch(be, pipeline, bindGroup, [groups, 1, 1], [s.param, s.m, s.v, part]);
  return part;
}

/**
 * The fused L1 + Adam update of `AdamL1.stepL1` on the webgpu backend: one WGSL pass per
 * parameter, in place on the GPU buffers of W, m and v (slot 0 is W and gets the L1 terms; the
 * others plain Adam). Returns the weight and length terms at the W before the step as scalars on
 * the GPU (no read back), or null, touching nothing, when it cannot run (not webgpu, the pass
 * off, or a buffer shared with another tensor): the caller then uses tfjs ops.
 *
 * ```ts
 * const r = webgpuAdamL1(slots, hyper, { cW: 5e-7, cSyn: 0 }) ?? fallback();
 * ```
 */
export function webgpuAdamL1(
  slots: AdamSlot[],
  h: AdamHyper,
  l1: { cW: number; cSyn: number; lengths?: tf.Tensor2D; proximal?: boolean },
): { weight: tf.Scalar; length: tf.Scalar } | null {
  if (!enabled || checkInternals() !== null) return null;
  const be = webgpuBackend();
  const useLengths = l1.cSyn !== 0 && l1.lengths !== undefined;
  for (const s of slots) {
    const inPlace = [s.param, s.m, s.v].every((t) => be.tensorMap.get(t.dataId)?.refCount === 1);
    if (!inPlace || s.grad.size !== s.param.size || s.grad.dtype !== 'float32') return null;
  }
  if (useLengths && l1.lengths!.size !== slots[0].param.size) return null;
  const parts: tf.Tensor2D[] = [];
  for (const [k, s] of slots.entries()) {
    const first = k === 0;
    const opts = { cW: first ? l1.cW : 0, cSyn: first ? l1.cSyn : 0, d: first && useLengths ? l1.lengths! : null, proximal: first && !!l1.proximal };
    const part = pass(be, s, h, opts);
    if (!part) {
      // Only slot 0 can be refused after a pass ran (it is checked first); nothing was written then.
      tf.dispose(parts);
      return null;
    }
    parts.push(part);
  }
  webgpuAdamCalls.count++;
  return tf.tidy(() => {
    const sums = tf.sum(parts[0], 0);
    tf.dispose(parts);
    const weight = tf.mul(tf.slice(sums, [0], [1]).reshape([]), l1.cW) as tf.Scalar;
    const length = useLengths ? (tf.mul(tf.slice(sums, [1], [1]).reshape([]), l1.cSyn) as tf.Scalar) : tf.scalar(0);
    return { weight, length };
  });
}
