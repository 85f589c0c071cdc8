import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createFreeze } from '../../src/lifelong/freeze.js';
import { train } from '../../src/train/train.js';
import { disposeModel, createModel } from '../../src/train/model.js';
import { initParams } from '../../src/train/init.js';
import { resolveConfig } from '../../src/core/config.js';
import { nativeAdamActive, nativeAdamCalls } from '../../src/train/kernels/native-adam.js';
import { makeSpheres } from '../../src/data/spheres.js';
import { ShapeError } from '../../src/errors.js';
import { setupBackend, noLeak } from '../helpers/backend.js';

before(setupBackend);

const data = makeSpheres({ d: 10, nTrain: 200, nTest: 50, seed: 4 });
const config = resolveConfig({ S: 30, I: 3, dIn: 10, dOut: 2, rule: 'residual-input', seed: 2 });

for (const l1 of ['subgradient', 'proximal'] as const) {
  test(`frozen rows stay bit for bit through training (${l1} L1, on the fast path when the addon is on)`, async () => {
    const init = initParams(config);
    const frozen = new Uint8Array(30);
    for (const i of [0, 3, 12, 13, 28]) frozen[i] = 1;
    const calls = nativeAdamCalls.count;
    await noLeak(async () => {
      const freeze = createFreeze(init.W, init.b, 30, frozen);
      assert.equal(freeze.rows, 5);
      const r = await train({
        data,
        config,
        init,
        options: { epochs: 2, batchSize: 32, lr: 1e-2, cW: 1e-3, cN: 1e-4, l1, compact: false, checkpointEvery: 0 },
        onStep: (m) => freeze.apply(m),
      });
      const W = r.model.W.dataSync() as Float32Array;
      const b = r.model.b.dataSync() as Float32Array;
      let changed = 0;
      for (let i = 0; i < 30; i++) {
        const row = W.subarray(i * 30, i * 30 + 30);
        const was = init.W.subarray(i * 30, i * 30 + 30);
        if (frozen[i]) {
          assert.deepEqual(row, was, `row ${i} frozen`);
          assert.equal(b[i], init.b[i]);
        } else if (row.some((v, j) => v !== was[j])) changed++;
      }
      assert.equal(changed, 25, 'every free row trained');
      disposeModel(r.model);
      freeze.dispose();
    });
    if (nativeAdamActive()) assert.ok(nativeAdamCalls.count > calls, 'the native Adam pass ran');
  });
}

test('createFreeze checks shapes, and a compacted model', () => {
  const init = initParams(config);
  assert.throws(() => createFreeze(init.W, init.b, 29, new Uint8Array(29)), ShapeError);
  const freeze = createFreeze(init.W, init.b, 30, new Uint8Array(30).fill(1, 0, 2));
  const small = createModel(resolveConfig({ S: 20, I: 3, dIn: 10, dOut: 2 }), initParams(resolveConfig({ S: 20, I: 3, dIn: 10, dOut: 2 })));
  assert.throws(() => freeze.apply(small), ShapeError);
  disposeModel(small);
  freeze.dispose();
});
