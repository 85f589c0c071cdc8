import { tf } from '../../src/train/tf.js';
import { createModel, disposeModel, predictLogits } from '../../src/train/model.js';
import type { Snapshot } from '../../src/core/snapshot.js';

/** Dense tfjs logits of a snapshot (the oracle of the sparse tests); leaks no tensors. */
export async function denseForward(snap: Snapshot, x: Float32Array, n: number): Promise<Float32Array> {
  const before = tf.memory().numTensors;
  const model = createModel(snap.config, snap);
  try {
    return await predictLogits(model, x, n);
  } finally {
    disposeModel(model);
    const after = tf.memory().numTensors;
    if (after !== before) throw new Error(`dense forward leaked ${after - before} tensors`);
  }
}
