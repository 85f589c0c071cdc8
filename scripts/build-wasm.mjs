#!/usr/bin/env node
// Assemble src/runtime/spmm.wat (WebAssembly text, SIMD) with wabt into src/runtime/spmm-wasm.ts,
// the bytes as base64, so that the runtime needs no file or toolchain at run time.
//   node scripts/build-wasm.mjs          write src/runtime/spmm-wasm.ts
//   node scripts/build-wasm.mjs --print  print the base64 only (the test compares it)
import { readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';

const wat = new URL('../src/runtime/spmm.wat', import.meta.url);
const out = new URL('../src/runtime/spmm-wasm.ts', import.meta.url);
const wabt = await wabtInit();
const mod = wabt.parseWat('spmm.wat', readFileSync(wat, 'utf8'), { simd: true });
mod.validate();
const b64 = Buffer.from(mod.toBinary({}).buffer).toString('base64');
mod.destroy();
if (process.argv.includes('--print')) process.stdout.write(`${b64}\n`);
else {
  writeFileSync(
    out,
    `/** src/runtime/spmm.wat assembled by scripts/build-wasm.mjs (do not edit; rerun the script). */\nexport const SPMM_WASM_BASE64 =\n  '${b64}';\n`,
  );
}
