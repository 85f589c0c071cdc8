import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createSearchProgress } from '../../src/cli/progress.js';

/** A stream that says it is a terminal, and what was written to it. */
function fakeTty(isTTY: boolean) {
  const s = new PassThrough() as PassThrough & { isTTY: boolean; columns: number; cursorTo: () => boolean; clearLine: () => boolean; moveCursor: () => boolean };
  Object.assign(s, { isTTY, columns: 200, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  let text = '';
  s.on('data', (d: Buffer) => (text += d.toString()));
  return { stream: s as unknown as NodeJS.WriteStream, text: () => text };
}

const trial = { threshold: 2.28e-5, maxAbsError: 7e-5, maxRelError: 4.46e-3, argmaxAgreement: 1, keptSynapses: 24289250, samples: 2000, pass: true };

test('the threshold search shows a bar on a terminal, and nothing when quiet or piped', async () => {
  const tty = fakeTty(true);
  const p = createSearchProgress({ quiet: false, stream: tty.stream });
  assert.ok(p.onTrial, 'a terminal gets progress');
  p.onTrial(trial, 1, 9);
  p.stop();
  await new Promise((r) => setImmediate(r));
  assert.match(tty.text(), /certifying thresholds .* 1\/≤9 \| \|w\| > 2\.28e-5: 24289250 synapses, pass \(agreement 100\.00%, max relative 4\.46e-3\)/);
  // A later trial on fewer samples than the first (always certified in full) was rejected on the probe.
  const again = fakeTty(true);
  const q = createSearchProgress({ quiet: false, stream: again.stream });
  q.onTrial!(trial, 1, 9);
  q.onTrial!({ ...trial, threshold: 5.2e-4, samples: 33, maxRelError: 0.4, pass: false }, 2, 9);
  q.stop();
  await new Promise((r) => setImmediate(r));
  assert.match(again.text(), /2\/≤9 \| \|w\| > 5\.20e-4: 24289250 synapses, fail on 33 probe samples \(agreement 100\.00%, max relative 4\.00e-1\)/);
  for (const [quiet, isTTY] of [[true, true], [false, false]] as const) {
    const s = fakeTty(isTTY);
    const q = createSearchProgress({ quiet, stream: s.stream });
    assert.equal(q.onTrial, undefined, `quiet ${quiet}, TTY ${isTTY}`);
    q.stop();
    await new Promise((r) => setImmediate(r));
    assert.equal(s.text(), '');
  }
});
