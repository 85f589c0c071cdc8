import type { LayerActivation } from '../core/sparse-model.js';
import { field, finite, oneOf, record, type Fail } from './schema.js';

/**
 * Check a layer's activation as stored in a model file and return a fresh copy with exactly
 * its fields: `{ kind: 'identity' }` or `{ kind: 'isotropic-tanh', o, epsilon }` (o finite,
 * epsilon finite and > 0).
 *
 * ```ts
 * const a = readLayerActivation({ kind: 'identity' }, 'layers[2].activation', failer('model file'));
 * ```
 */
export function readLayerActivation(v: unknown, name: string, fail: Fail): LayerActivation {
  const o = record(v, name, ['kind', 'o', 'epsilon'], fail);
  const kind = oneOf(field(o, 'kind'), `${name}.kind`, ['identity', 'isotropic-tanh'], fail);
  if (kind === 'identity') {
    if (field(o, 'o') !== undefined || field(o, 'epsilon') !== undefined) fail(`${name}: 'identity' takes no o or epsilon.`);
    return { kind };
  }
  return {
    kind,
    o: finite(field(o, 'o'), `${name}.o`, fail),
    epsilon: finite(field(o, 'epsilon'), `${name}.epsilon`, fail, Number.MIN_VALUE),
  };
}
