import { before } from 'node:test';
import { initBackend, type BackendReport } from '../../src/train/backend.js';
import { webgpuBackend } from '../../src/train/kernels/webgpu/internals.js';

/**
 * The webgpu backend on Dawn's Null device, which compiles and validates every WGSL program and
 * bind group as a GPU would but computes nothing. Call at a test file's top level: `state.report`
 * is null (and `state.why` says why) where Dawn cannot start even that.
 */
export function nullWebgpu(): { report: BackendReport | null; why: string } {
  const state: { report: BackendReport | null; why: string } = { report: null, why: '' };
  before(async () => {
    process.env.URN_DAWN_FLAGS = 'backend=null';
    try {
      state.report = await initBackend({ backend: 'webgpu' });
    } catch (e) {
      state.why = (e as Error).message;
    }
  });
  return state;
}

/** The device's error scopes and the calls the kernel tests make on it. */
export interface ScopedDevice {
  pushErrorScope(f: string): void;
  popErrorScope(): Promise<{ message: string } | null>;
  createShaderModule(d: { code: string }): { getCompilationInfo(): Promise<{ messages: { type: string; message: string }[] }> };
  createComputePipeline(d: object): unknown;
}

/** The webgpu backend's device, for error scopes. */
export const scopedDevice = (): ScopedDevice => webgpuBackend().device as unknown as ScopedDevice;
