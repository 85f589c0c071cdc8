import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors.js';
import { makeSpheres, SPHERES_DEFAULTS } from '../../src/data/index.js';
import { close } from './fixtures.js';

describe('makeSpheres', () => {
  it('puts every sample inside its shell', () => {
    const o = { d: 10, nTrain: 400, nTest: 100, radii: [1, 1.5] as [number, number], thickness: 0.1, seed: 5 };
    const ds = makeSpheres(o);
    for (const s of [ds.train, ds.test]) {
      assert.equal(s.x.length, s.n * o.d);
      for (let i = 0; i < s.n; i++) {
        let r2 = 0;
        for (let k = 0; k < o.d; k++) r2 += s.x[i * o.d + k] ** 2;
        const r = Math.sqrt(r2);
        const r0 = o.radii[s.y[i]];
        assert.ok(r >= r0 * (1 - 1e-6) && r <= (r0 + o.thickness) * (1 + 1e-6), `sample ${i}: r=${r}, class ${s.y[i]}`);
      }
    }
  });

  it('gives exact spheres with thickness 0', () => {
    const ds = makeSpheres({ d: 3, nTrain: 50, nTest: 2, thickness: 0 });
    for (let i = 0; i < ds.train.n; i++) {
      const r = Math.hypot(...ds.train.x.subarray(i * 3, i * 3 + 3));
      assert.ok(close(r, SPHERES_DEFAULTS.radii[ds.train.y[i]], 1e-6));
    }
  });

  it('balances the classes', () => {
    const ds = makeSpheres({ nTrain: 1000, nTest: 301 });
    assert.equal(ds.train.y.reduce((a, v) => a + v, 0), 500);
    assert.equal(ds.test.y.reduce((a, v) => a + v, 0), 150);
    assert.equal(ds.nClasses, 2);
    assert.equal(ds.dIn, SPHERES_DEFAULTS.d);
  });

  it('is bit-identical for the same seed and differs for another', () => {
    const a = makeSpheres({ seed: 11, nTrain: 300, nTest: 50 });
    const b = makeSpheres({ seed: 11, nTrain: 300, nTest: 50 });
    assert.deepEqual(new Uint8Array(a.train.x.buffer), new Uint8Array(b.train.x.buffer));
    assert.deepEqual(new Uint8Array(a.test.x.buffer), new Uint8Array(b.test.x.buffer));
    assert.deepEqual(a, b);
    assert.notDeepEqual(makeSpheres({ seed: 12, nTrain: 300, nTest: 50 }).train.x, a.train.x);
  });

  it('rejects bad options with ConfigError', () => {
    for (const o of [{ d: 0 }, { nTrain: 0 }, { nTest: 1.5 }, { radii: [1, 1.05] as [number, number] }, { radii: [0, 2] as [number, number] }]) {
      assert.throws(() => makeSpheres(o), ConfigError);
    }
  });
});
