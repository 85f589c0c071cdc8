import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkExamples, docExamples, writeExamples } from './doc-examples.js';
import { PRELUDE, PRELUDE_IMPORTS } from './prelude.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'node_modules/.cache/doc-examples');
const imports = PRELUDE_IMPORTS.map((l) => l.replace("'../../", `'${root}/`));

test('every ```ts example in the doc comments under src/ type-checks', () => {
  const examples = docExamples(root, 'src');
  assert.ok(examples.length > 300, `found only ${examples.length} examples`);
  const control = { file: 'src/core/config.ts', line: 0, code: "resolveConfig({ S: 4, I: 2, dIn: 1, dOut: 1 }, 'extra');\nnoSuchFunction(snap);" };
  const files = writeExamples(root, outDir, [...examples, control], PRELUDE, imports);
  const problems = checkExamples(root, files);
  // The control example must fail twice (wrong arity, unknown name); everything else must pass.
  const controlProblems = problems.filter((p) => p.startsWith('src/core/config.ts:0 '));
  assert.equal(controlProblems.length, 2, controlProblems.join('\n'));
  const wrong = problems.filter((p) => !controlProblems.includes(p));
  assert.deepEqual(wrong, [], 'Fix these doc examples; a placeholder variable (not an API name) may be declared in test/docs/prelude.ts.');
});
