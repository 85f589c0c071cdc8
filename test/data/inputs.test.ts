import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInputs } from '../../src/data/inputs.js';
import { DataFormatError } from '../../src/errors.js';

const row = (v: string, d = 3) => Array(d).fill(v).join(',');

test('issue 12.4: CSV rows parse, with an explicit header skipped only when asked', () => {
  const { x, n } = parseInputs(`${row('0.5')}\n\n${row('-1e-3')}\n`, 3, 'a.csv');
  assert.equal(n, 2);
  assert.deepEqual(Array.from(x), [0.5, 0.5, 0.5, -1e-3, -1e-3, -1e-3].map(Math.fround));
  const h = parseInputs(`a,b,c\n${row('1')}\n`, 3, 'a.csv', { header: true });
  assert.equal(h.n, 1);
  assert.equal(parseInputs('"1", 2 ,3\r\n', 3, 'q.csv').n, 1, 'quotes, spaces and CRLF');
});

test('issue 12.4: a non-numeric first row is an error unless --header, never silently dropped', () => {
  assert.throws(() => parseInputs(`a,b,c\n${row('1')}\n`, 3, 'a.csv'), DataFormatError);
  assert.throws(() => parseInputs(`NaN,1,2\n${row('1')}\n`, 3, 'a.csv'), DataFormatError);
  assert.throws(() => parseInputs(`0.1,0.2,0.e\n${row('1')}\n`, 3, 'a.csv'), DataFormatError, 'typo');
});

test('issue 12.4: empty cells, hex, words, out-of-range and short rows are DataFormatErrors', () => {
  for (const bad of ['1,,2', '0x10,1,2', 'Infinity,1,2', '-inf,1,2', '1e39,1,2', '1,2', '1,2,3,4', ' ,1,2']) {
    assert.throws(() => parseInputs(`${row('1')}\n${bad}\n`, 3, 'a.csv'), DataFormatError, bad);
  }
  assert.throws(() => parseInputs('[[1, 2, null]]', 3, 'a.json'), DataFormatError);
  assert.throws(() => parseInputs('[[1, 2, "3"]]', 3, 'a.json'), DataFormatError);
  assert.throws(() => parseInputs('[[1, 2, 1e39]]', 3, 'a.json'), DataFormatError);
});

test('issue 12.4: empty input is a DataFormatError', () => {
  for (const empty of ['', '\n\n', '   \n', '[]', '{"x": []}']) assert.throws(() => parseInputs(empty, 3, 'e'), DataFormatError, JSON.stringify(empty));
  assert.throws(() => parseInputs('a,b,c\n', 3, 'h.csv', { header: true }), DataFormatError, 'header only');
});

test('issue 12.4: JSON rows, a single row and { x: rows } parse', () => {
  assert.equal(parseInputs('[[1,2,3],[4,5,6]]', 3, 'a.json').n, 2);
  assert.equal(parseInputs('[1,2,3]', 3, 'a.json').n, 1);
  assert.equal(parseInputs('{"x": [[1,2,3]]}', 3, 'stdin').n, 1);
});
