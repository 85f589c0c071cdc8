/**
 * Preload (`node --import tsx --import ./test/helpers/no-sync-reads.ts …`): make every synchronous
 * tensor read throw, as tfjs-backend-webgpu's do in Node, so that a test on the CPU backends
 * proves a path reads asynchronously.
 */
import * as tf from '@tensorflow/tfjs';

for (const name of ['dataSync', 'arraySync', 'bufferSync'] as const) {
  Object.defineProperty(tf.Tensor.prototype, name, {
    configurable: true,
    value() {
      throw new Error(`synchronous read: Tensor.${name}() was called (tfjs-backend-webgpu cannot read synchronously in Node; read through readFloats / readScalar, src/train/read.ts)`);
    },
  });
}
