#!/usr/bin/env node
// Assemble the runtime's kernels, src/runtime/{spmm,gemm,transpose}.wat (WebAssembly text, SIMD), with wabt
// into src/runtime/{spmm,gemm,transpose}-wasm.ts, the bytes as base64, so that the runtime needs no file or
// toolchain at run time.
//   node scripts/build-wasm.mjs          write src/runtime/{spmm,gemm,transpose}-wasm.ts
//   node scripts/build-wasm.mjs --print  print each kernel's base64, one a line (the test compares them)
import { readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';

const wabt = await wabtInit();
for (const name of ['spmm', 'gemm', 'transpose']) {
  const wat = new URL(`../src/runtime/${name}.wat`, import.meta.url);
  const out = new URL(`../src/runtime/${name}-wasm.ts`, import.meta.url);
  const mod = wabt.parseWat(`${name}.wat`, readFileSync(wat, 'utf8'), { simd: true });
  mod.validate();
  const b64 = Buffer.from(mod.toBinary({}).buffer).toString('base64');
  mod.destroy();
  if (process.argv.includes('--print')) process.stdout.write(`${b64}\n`);
  else {
    writeFileSync(
      out,
      `/** src/runtime/${name}.wat assembled by scripts/build-wasm.mjs (do not edit; rerun the script). */\nexport const ${name.toUpperCase()}_WASM_BASE64 =\n  '${b64}';\n`,
    );
  }
}
