#!/usr/bin/env node
// Assemble the runtime's kernels, src/runtime/{spmm,gemm,transpose}.wat (WebAssembly text, SIMD), with wabt
// into src/runtime/{spmm,gemm,transpose}-wasm.ts, the bytes as base64, so that the runtime needs no file or
// toolchain at run time. spmm and gemm also get a relaxed-SIMD form (fused multiply-adds,
// scripts/wat-relaxed.mjs), exported beside the first as *_RELAXED_WASM_BASE64.
//   node scripts/build-wasm.mjs          write src/runtime/{spmm,gemm,transpose}-wasm.ts
//   node scripts/build-wasm.mjs --print  print each kernel's base64, one a line (the relaxed forms after theirs)
import { readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';
import { relaxedWat } from './wat-relaxed.mjs';

const wabt = await wabtInit();

/** base64 of the module that the WebAssembly text assembles to. */
function assemble(name, text, relaxed) {
  const mod = wabt.parseWat(`${name}.wat`, text, { simd: true, relaxed_simd: relaxed });
  mod.validate();
  const b64 = Buffer.from(mod.toBinary({}).buffer).toString('base64');
  mod.destroy();
  return b64;
}

for (const name of ['spmm', 'gemm', 'transpose']) {
  const src = readFileSync(new URL(`../src/runtime/${name}.wat`, import.meta.url), 'utf8');
  const forms = [[name.toUpperCase(), assemble(name, src, false)]];
  if (name !== 'transpose') forms.push([`${name.toUpperCase()}_RELAXED`, assemble(name, relaxedWat(src).text, true)]);
  if (process.argv.includes('--print')) for (const [, b64] of forms) process.stdout.write(`${b64}\n`);
  else {
    const body = forms.map(([id, b64]) => `export const ${id}_WASM_BASE64 =\n  '${b64}';\n`).join('');
    const what = forms.length > 1 ? `src/runtime/${name}.wat assembled by scripts/build-wasm.mjs, as written and in its relaxed-SIMD form` : `src/runtime/${name}.wat assembled by scripts/build-wasm.mjs`;
    writeFileSync(new URL(`../src/runtime/${name}-wasm.ts`, import.meta.url), `/** ${what} (do not edit; rerun the script). */\n${body}`);
  }
}
