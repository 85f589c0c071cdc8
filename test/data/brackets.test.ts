import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bracketStream, bracketText, makeBrackets } from '../../src/data/brackets.js';
import { ConfigError } from '../../src/errors.js';
import { createRng } from '../../src/util/rng.js';

/** Whole groups of a stream (the last one may be cut). */
const groups = (s: string): string[] => s.split(')').slice(0, -1).map((g) => g.slice(1));

test('easy groups are (ab(ab)*)', () => {
  const text = bracketText(bracketStream('easy', 5000, createRng(3)));
  const gs = groups(text);
  assert.ok(gs.length > 200);
  for (const g of gs) assert.match(g, /^ab(ab)*$/);
  // "ab" again while a uniform draw is < 0.6: mean group length 1/(1 − 0.6) = 2.5 pairs.
  const mean = gs.reduce((s, g) => s + g.length / 2, 0) / gs.length;
  assert.ok(Math.abs(mean - 2.5) < 0.25, `mean pairs ${mean}`);
});

test('hard groups: 6 letters, each the previous reversed with exactly one letter flipped', () => {
  const gs = groups(bracketText(bracketStream('hard', 4000, createRng(4))));
  for (let k = 1; k < gs.length; k++) {
    assert.equal(gs[k].length, 6);
    const rev = [...gs[k - 1]].reverse();
    assert.equal([...gs[k]].filter((c, i) => c !== rev[i]).length, 1);
  }
});

test('windows are cut from the stream, seeded and deterministic', () => {
  const a = makeBrackets({ kind: 'hard', nTrain: 10, nTest: 3, T: 40, seed: 5 });
  const b = makeBrackets({ kind: 'hard', nTrain: 10, nTest: 3, T: 40, seed: 5 });
  assert.equal(a.train.x.length, 10 * 41);
  assert.equal(a.test.n, 3);
  assert.deepEqual(a.train.x, b.train.x);
  assert.notDeepEqual(a.train.x, makeBrackets({ kind: 'hard', nTrain: 10, nTest: 3, seed: 6 }).train.x);
  assert.deepEqual(a.symbols, ['a', 'b', '(', ')']);
  assert.throws(() => makeBrackets({ kind: 'medium' as 'easy' }), ConfigError);
  assert.throws(() => makeBrackets({ T: 0 }), ConfigError);
});
