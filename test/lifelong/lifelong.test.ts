import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { lifelong } from '../../src/lifelong/lifelong.js';
import { viewConfig, viewParams } from '../../src/lifelong/layout.js';
import { recertify } from '../../src/lifelong/recertify.js';
import { resolveSpecFile } from '../../src/lifelong/spec-file.js';
import type { SparseModel } from '../../src/core/sparse-model.js';
import { createModel, disposeModel, predictLogits } from '../../src/train/model.js';
import { makeSpheres } from '../../src/data/spheres.js';
import { ConfigError } from '../../src/errors.js';
import type { LifelongSpec } from '../../src/lifelong/types.js';
import { setupBackend, noLeak } from '../helpers/backend.js';

before(setupBackend);

const tasks = [1, 2, 3].map((seed) => ({ name: `spheres-${seed}`, data: makeSpheres({ d: 6, nTrain: 300, nTest: 120, seed }) }));
const spec: LifelongSpec = {
  network: { hidden: 24, I: 3, seed: 1 },
  options: { epochs: 4, batchSize: 32, lr: 5e-3, cW: 1e-4, cN: 1e-4, l1: 'proximal', seed: 1 },
  tasks,
};

test('CLNP: earlier tasks keep their accuracy exactly, and the whole URN computes every head as its view', async () => {
  const models: (SparseModel | null)[] = [];
  const r = await noLeak(() => lifelong(spec, { onTask: (_rec, sub) => void models.push(sub.model) }));
  assert.equal(r.timeline.length, 3);
  // Each task's export from right after learning still certifies against the final URN.
  for (const c of await recertify(r, tasks, models)) {
    assert.ok(c, 'certified export');
    assert.equal(c.argmaxAgreement, 1);
    assert.ok(c.maxAbsError < 1e-3, `max |Δ| ${c.maxAbsError}`);
  }
  const last = r.timeline[2];
  r.timeline.forEach((rec, t) => {
    assert.equal(last.accuracies[t], rec.accuracyAfterLearning, `task ${t} unchanged`);
    assert.equal(rec.accuracies.length, t + 1);
    assert.ok(rec.structure.depth >= 1 && rec.structure.widths[0] > 0);
    assert.ok(rec.structure.reusedNeurons <= rec.structure.usedNeurons);
    assert.equal(rec.usedTotal + rec.freeNeurons, 24);
  });
  assert.equal(r.timeline[0].structure.reusedNeurons, 0, 'nothing to reuse in the first task');
  // Recruits: inputs −2, heads by their task, hidden by a task or free.
  const { S, dIn } = r.config;
  assert.ok(r.recruitedBy.subarray(0, dIn).every((v) => v === -2));
  assert.deepEqual(Array.from(r.recruitedBy.subarray(S - 6)), [0, 0, 1, 1, 2, 2]);
  // Closure: the full URN (dOut = all heads) gives each head's logits as its view does.
  await noLeak(async () => {
    const full = createModel(r.config, r);
    const x = tasks[0].data.test.x;
    const n = tasks[0].data.test.n;
    const all = await predictLogits(full, x, n);
    disposeModel(full);
    for (let t = 0; t < 3; t++) {
      const v = viewParams(r.W, r.b, S, r.layout.viewS[t]);
      const m = createModel(viewConfig(r.config, r.layout, t), v);
      const own = await predictLogits(m, x, n);
      disposeModel(m);
      let err = 0;
      for (let s = 0; s < n; s++) for (let k = 0; k < 2; k++) err = Math.max(err, Math.abs(own[s * 2 + k] - all[s * 6 + 2 * t + k]));
      assert.ok(err < 1e-4, `head ${t}: max |Δ| ${err}`);
    }
  });
});

test('the same spec twice gives the same URN bit for bit', async () => {
  const one = { ...spec, tasks: tasks.slice(0, 2), options: { ...spec.options, epochs: 2 } };
  const a = await lifelong(one);
  const b = await lifelong(one);
  assert.deepEqual(a.W, b.W);
  assert.deepEqual(a.timeline.map((r) => r.accuracies), b.timeline.map((r) => r.accuracies));
});

test('fine-tune mode runs the baseline: nothing recruited, heads marked', async () => {
  const r = await noLeak(() => lifelong({ ...spec, mode: 'fine-tune', tasks: tasks.slice(0, 2) }));
  assert.equal(r.mode, 'fine-tune');
  assert.equal(r.timeline[1].threshold, null);
  assert.equal(r.timeline[1].usedTotal, 0);
});

test('lifelong refuses tasks of different input sizes, residual-output and a bad epsilon', async () => {
  const odd = { name: 'odd', data: makeSpheres({ d: 5, nTrain: 50, nTest: 10 }) };
  await assert.rejects(lifelong({ ...spec, tasks: [tasks[0], odd] }), ConfigError);
  await assert.rejects(lifelong({ ...spec, network: { ...spec.network, rule: 'residual-output' } }), ConfigError);
  await assert.rejects(lifelong({ ...spec, clnp: { epsilon: 2 } }), ConfigError);
});

test('lifelong refuses a misspelt key anywhere in its spec before the first task trains', async () => {
  const late = { ...tasks[2], options: { epoch: 9 } as never };
  await assert.rejects(lifelong({ ...spec, tasks: [tasks[0], tasks[1], late] }), { name: 'ConfigError', message: /options of task 'spheres-3': unknown key 'epoch'/ });
  await assert.rejects(lifelong({ ...spec, network: { ...spec.network, hiden: 3 } as never }), { name: 'ConfigError', message: /network: unknown key 'hiden'/ });
  await assert.rejects(lifelong({ ...spec, clnp: { candidate: 4 } as never }), { name: 'ConfigError', message: /clnp: unknown key 'candidate'/ });
  await assert.rejects(lifelong({ ...spec, options: { ...spec.options, cn: 1 } as never }), { name: 'ConfigError', message: /options: unknown key 'cn'/ });
  const file = { network: { hidden: 8, I: 2 }, tasks: [{ name: 'a', data: { dataset: 'spheres', nTrain: 20, nTest: 10 }, option: {} }] };
  assert.throws(() => resolveSpecFile(file as never), { name: 'ConfigError', message: /task 'a': unknown key 'option'/ });
  assert.throws(() => resolveSpecFile({ ...file, task: [] } as never), { name: 'ConfigError', message: /the SPEC: unknown key 'task'/ });
});
