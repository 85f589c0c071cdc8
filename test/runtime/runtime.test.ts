import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Import a module in a fresh Node and list the @tensorflow modules it loaded (CJS cache + ESM resolutions). */
function tfModulesLoadedBy(entry: string): string[] {
  const script = `
    const seen = [];
    const { register } = await import('node:module');
    register('data:text/javascript,' + encodeURIComponent(
      'export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes("@tensorflow")) console.log("TF_RESOLVED " + r.url); return r; }'
    ), import.meta.url);
    await import(${JSON.stringify(entry)});
    const { createRequire } = await import('node:module');
    const req = createRequire(import.meta.url);
    for (const k of Object.keys(req.cache)) if (k.includes('@tensorflow')) console.log('TF_CACHED ' + k);
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  return out.split('\n').filter((l) => l.startsWith('TF_'));
}

test('the runtime entry point loads without TensorFlow.js', () => {
  assert.deepEqual(tfModulesLoadedBy('./src/runtime/index.ts'), []);
});

test('the check can fail: the dense model does load TensorFlow.js', () => {
  assert.ok(tfModulesLoadedBy('./src/train/model.ts').length > 0);
});

test('the runtime module graph has no path to TensorFlow.js or src/train (static check)', () => {
  const seen = new Set<string>();
  const stack = [resolve(root, 'src/runtime/index.ts')];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
      const [, , typeOnly, spec] = m;
      if (typeOnly) continue;
      assert.ok(!spec.startsWith('@tensorflow'), `${file} imports ${spec}`);
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
        assert.ok(!target.includes('/src/train/'), `${file} imports ${spec}`);
        stack.push(target);
      }
    }
  }
  assert.ok(seen.size > 5);
});
