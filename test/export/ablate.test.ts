import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { certifyWithout } from '../../src/export/ablate.js';
import { verify } from '../../src/export/verify.js';
import { toReplay } from '../../src/export/replay.js';
import { toLayered } from '../../src/export/layered.js';
import { ConfigError } from '../../src/errors.js';
import type { Snapshot } from '../../src/core/snapshot.js';
import { noLeak, setupBackend } from '../helpers/backend.js';
import { handSnapshot, randomInputs } from './fixtures.js';

/**
 * Inputs 0, 1; hidden 2, 3, 4; outputs 5, 6; plain relu, I = 2. Output 5 reads relu(x0) through
 * neuron 2, output 6 reads relu(x1) through neuron 3; neuron 4 also reads x0 but reaches
 * output 5 only through a 1e-6 synapse, so it does (almost) no work.
 */
function snapshot(): Snapshot {
  const edges: [number, number, number][] = [[2, 0, 1], [3, 1, 1], [4, 0, 0.5], [5, 2, 1], [6, 3, 1], [5, 4, 1e-6]];
  return handSnapshot({ S: 7, I: 2, dIn: 2, dOut: 2, rule: 'plain', activation: 'relu', seed: 1 }, edges);
}

const data = { x: randomInputs(200, 2), n: 200 };

before(setupBackend);

test('silencing a neuron that does no work keeps the certificate; one the outputs read fails it', async () => {
  const s = snapshot();
  const idle = await noLeak(() => certifyWithout(s, data, [4], { threshold: 0 }));
  assert.equal(idle.pass, true);
  assert.deepEqual(idle.neurons, [4]);
  assert.equal(idle.certificate.argmaxAgreement, 1);
  assert.ok(idle.certificate.maxRelError < 1e-5, `rel error ${idle.certificate.maxRelError}`);
  const used = await certifyWithout(s, data, [2], { threshold: 0 });
  assert.equal(used.pass, false);
  assert.ok(used.certificate.argmaxAgreement < 1, 'output 5 goes dark, so predictions of class 0 flip');
});

test('with nothing silenced it is export\'s certificate of the structure at that threshold', async () => {
  const s = snapshot();
  const a = await certifyWithout(s, data, [], { threshold: 1e-3 });
  const c = await verify(toLayered(toReplay(s, 1e-3)), s, data, { synthetic: 1000 });
  assert.deepEqual(a.certificate, c);
  assert.equal(a.tolerance, 1e-2);
  assert.equal(a.minAgreement, 1);
});

test('the snapshot is not changed', async () => {
  const s = snapshot();
  const before_ = Float32Array.from(s.W);
  await certifyWithout(s, data, [2, 3], { threshold: 0 });
  assert.deepEqual(s.W, before_);
});

test('an input, an output, a non-integer or a bad threshold is a typed one-line error', async () => {
  const s = snapshot();
  for (const bad of [0, 5, 2.5, 99]) {
    await assert.rejects(certifyWithout(s, data, [bad], { threshold: 0 }), (e: Error) => e instanceof ConfigError && /not a hidden neuron \(hidden ids are 2\.\.4\)/.test(e.message) && !e.message.includes('\n'));
  }
  await assert.rejects(certifyWithout(s, data, [2], { threshold: -1 }), ConfigError);
  await assert.rejects(certifyWithout(s, data, [2], { threshold: Number.NaN }), ConfigError);
});
