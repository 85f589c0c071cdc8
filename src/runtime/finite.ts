import type { SparseModel } from '../core/sparse-model.js';
import { ModelFormatError } from '../errors.js';
import { predictReplay } from './predict-replay.js';
import { predictLayered } from './predict-layered.js';
import { createRng } from '../util/rng.js';

/** Rows of the probe batch: zeros, ones, minus ones, then seeded uniform draws in [−1, 1]. */
export const PROBE_ROWS = 8;
const PROBE_SEED = 0x5eed;

/**
 * The fixed probe inputs every model file must map to finite outputs: a row of zeros, of ones,
 * of minus ones, and seeded uniform rows in [−1, 1] (`PROBE_ROWS` rows of `dIn` features).
 *
 * ```ts
 * const x = probeInputs(model.config.dIn); // PROBE_ROWS × dIn
 * ```
 */
export function probeInputs(dIn: number): Float32Array {
  const x = new Float32Array(PROBE_ROWS * dIn);
  x.fill(1, dIn, 2 * dIn);
  x.fill(-1, 2 * dIn, 3 * dIn);
  const rng = createRng(PROBE_SEED);
  for (let k = 3 * dIn; k < x.length; k++) x[k] = 2 * rng.next() - 1;
  return x;
}

/**
 * Run a structurally valid model on the probe inputs and throw `ModelFormatError` unless every
 * output is finite. Finite weights can still overflow (values near 3.4e38, or many iterations of
 * growth), and a file that does so cannot be the network its certificate describes.
 *
 * ```ts
 * checkFiniteOutputs(decodeModel(bytes), 'model.urn');
 * ```
 */
export function checkFiniteOutputs(m: SparseModel, source = 'model'): void {
  const x = probeInputs(m.config.dIn);
  const out = m.form === 'replay' ? predictReplay(m, x, PROBE_ROWS) : predictLayered(m, x, PROBE_ROWS);
  for (let k = 0; k < out.length; k++) {
    if (!Number.isFinite(out[k])) {
      const row = Math.floor(k / m.config.dOut);
      throw new ModelFormatError(`${source}: output ${k % m.config.dOut} is ${out[k]} on probe input ${row} (inputs in [−1, 1]): the weights overflow float32. Re-export the model from its run.`);
    }
  }
}
