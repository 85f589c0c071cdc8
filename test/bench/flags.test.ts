import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bool, choice, choices, flagHelp, int, ints, nearestFlag, num, nums, parseFlags, readFlags, str, strs } from '../../bench/lib/flags.js';
import { ConfigError } from '../../src/errors.js';

const spec = {
  seeds: ints([1, 2, 3, 4, 5], 'one trial per seed'),
  S: int(5000, 'neurons'),
  lr: num(7e-4, 'learning rate'),
  radii: nums([1, 1.75], 'inner radii', 2),
  out: str('runs/x', 'the run directory'),
  from: str(undefined, 'continue from DIR'),
  files: strs(undefined, 'files'),
  activity: choice(['sum', 'mean'], 'sum', 'reduction'),
  only: choice(['with', 'without'], undefined, 'one arm'),
  sections: choices(['a', 'b', 'c'], ['a', 'b', 'c'], 'sections'),
  quick: bool('smaller sizes'),
};
const parse = (...args: string[]) => parseFlags('demo', spec, args);
/** The ConfigError message `parse(...args)` throws. */
function failure(...args: string[]): string {
  try {
    parse(...args);
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.message;
  }
  assert.fail(`no error for ${args.join(' ')}`);
}

test('parseFlags gives each flag its default when none is given', () => {
  assert.deepEqual(parse(), { seeds: [1, 2, 3, 4, 5], S: 5000, lr: 7e-4, radii: [1, 1.75], out: 'runs/x', from: undefined, files: undefined, activity: 'sum', only: undefined, sections: ['a', 'b', 'c'], quick: false });
});

test('parseFlags reads numbers, lists, choices and switches, as --name value or --name=value', () => {
  const o = parse('--seeds', '3,1,2', '--S=120', '--lr', '3e-4', '--radii', '1,1.5', '--from', 'runs/a', '--files', 'a.json,b.json', '--activity', 'mean', '--only', 'with', '--sections', 'c,a', '--quick');
  assert.deepEqual(o, { seeds: [3, 1, 2], S: 120, lr: 3e-4, radii: [1, 1.5], out: 'runs/x', from: 'runs/a', files: ['a.json', 'b.json'], activity: 'mean', only: 'with', sections: ['c', 'a'], quick: true });
  assert.equal(parse('--lr', '-1').lr, -1, 'a negative number is a value, not a flag');
});

test('parseFlags refuses a malformed value, saying what the flag takes', () => {
  assert.equal(failure('--S', 'abc'), '--S must be an integer, got "abc".');
  assert.equal(failure('--S', '2.5'), '--S must be an integer, got "2.5".');
  assert.equal(failure('--lr', 'NaN'), '--lr must be a number, got "NaN".');
  assert.equal(failure('--lr', ''), '--lr must be a number, got "".');
  assert.equal(failure('--seeds', '1,,2'), '--seeds must be a comma-separated list of integers, got "1,,2".');
  assert.equal(failure('--seeds', '1,x'), '--seeds must be a comma-separated list of integers, got "1,x".');
  assert.equal(failure('--radii', '1,2,3'), '--radii must be a comma-separated list of 2 numbers, got "1,2,3".');
  assert.equal(failure('--activity', 'median'), '--activity must be sum or mean, got "median".');
  assert.equal(failure('--sections', 'a,d'), '--sections must be a comma-separated list of a, b or c, got "a,d".');
  assert.equal(failure('--quick=yes'), '--quick takes no value, got "yes". Give --quick alone.');
});

test('parseFlags refuses a missing value, an unknown flag (naming the nearest), a repeat and a stray argument', () => {
  assert.equal(failure('--S'), '--S needs a value: an integer. See npm run bench -- demo --help.');
  assert.equal(failure('--out', '--S', '5'), '--out needs a value: a string. See npm run bench -- demo --help.');
  assert.equal(failure('--seed', '3'), 'unknown flag --seed. Did you mean --seeds? See npm run bench -- demo --help.');
  assert.equal(failure('--actvity', 'sum'), 'unknown flag --actvity. Did you mean --activity? See npm run bench -- demo --help.');
  assert.equal(failure('--epochs', '20'), 'unknown flag --epochs. See npm run bench -- demo --help.');
  assert.equal(failure('-S', '5'), 'unknown flag -S. Did you mean --S? See npm run bench -- demo --help.');
  assert.equal(failure('--S', '5', '--S', '6'), '--S is given twice. Give it once.');
  assert.equal(failure('5000'), 'unexpected argument "5000": every argument is a --flag or the value after one. See npm run bench -- demo --help.');
});

test('readFlags also gives each given flag as written, to pass it on', () => {
  const { values, given } = readFlags('demo', spec, ['--lr', '3e-4', '--quick']);
  assert.equal(values.lr, 3e-4);
  assert.deepEqual([...given], [['lr', '3e-4'], ['quick', '']]);
});

test('nearestFlag finds a slip of a letter or two, and nothing for an unrelated name', () => {
  const known = ['epochs', 'seeds', 'S', 'init-scale', 'activity-of'];
  assert.equal(nearestFlag('epoch', known), 'epochs');
  assert.equal(nearestFlag('init_scale', known), 'init-scale');
  assert.equal(nearestFlag('s', known), 'S');
  assert.equal(nearestFlag('deadline', known), undefined);
});

test('flagHelp lists every flag with its kind, default and help', () => {
  const help = flagHelp('demo', spec, { json: bool('print JSON') });
  assert.match(help, /^usage: npm run bench -- demo /);
  for (const [name, f] of Object.entries(spec)) assert.ok(help.includes(`--${name}`) && help.includes(f.help), name);
  assert.match(help, /--seeds <int-list> +one trial per seed \(default 1,2,3,4,5\)/);
  assert.match(help, /--lr <number> +learning rate \(default 7e-4\)/);
  assert.match(help, /--activity <sum\|mean> +reduction \(default sum\)/);
  assert.match(help, /--from <string> +continue from DIR\n/);
  assert.match(help, /--quick +smaller sizes\n/);
  assert.match(help, /--json +print JSON\n$/);
});
