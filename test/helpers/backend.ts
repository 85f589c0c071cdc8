import { initBackend } from '../../src/train/backend.js';
import { tf } from '../../src/train/tf.js';

/** Initialise the default backend once for a test file (URN_TEST_BACKEND overrides it). */
export async function setupBackend(): Promise<void> {
  const want = (process.env.URN_TEST_BACKEND ?? 'auto') as Parameters<typeof initBackend>[0] extends infer O
    ? O extends { backend?: infer B } ? B : never
    : never;
  await initBackend({ backend: want });
}

/** Run `fn` and assert it leaves no tensors behind. */
export async function noLeak<T>(fn: () => T | Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const out = await fn();
  const after = tf.memory().numTensors;
  if (after !== before) throw new Error(`tensor leak: ${before} tensors before, ${after} after`);
  return out;
}
