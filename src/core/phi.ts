import type { Activation, UrnConfig } from './config.js';

/**
 * φ(z) = max(z, 0) in float64; NaN passes through.
 *
 * ```ts
 * relu(-2); // 0
 * ```
 */
export const relu = (z: number): number => (z < 0 ? 0 : z);

/**
 * The scalar activation φ of a config, in float64: the one statement of φ outside TensorFlow.js.
 *
 * ```ts
 * phiOf('relu')(-2); // 0
 * phiOf('tanh')(0.5); // Math.tanh(0.5)
 * ```
 */
export function phiOf(activation: Activation): (z: number) => number {
  return activation === 'relu' ? relu : Math.tanh;
}

const identity = (z: number): number => z;

/**
 * φ of one neuron: the identity for an output under a linear read-out (`readout: 'linear'`), else
 * the config's φ.
 *
 * ```ts
 * phiOfNeuron({ activation: 'relu', readout: 'linear' }, true)(-2); // -2
 * phiOfNeuron({ activation: 'relu' }, true)(-2); // 0
 * ```
 */
export function phiOfNeuron(cfg: Pick<UrnConfig, 'activation' | 'readout'>, output: boolean): (z: number) => number {
  return output && cfg.readout === 'linear' ? identity : phiOf(cfg.activation);
}
