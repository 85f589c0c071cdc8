// The relaxed-SIMD form of a kernel's WebAssembly text: every (f32x4.add X (f32x4.mul A B)) becomes
// (f32x4.relaxed_madd A B X), a fused multiply-add where the CPU has one (x86 FMA3, Arm NEON).
// One source per kernel: scripts/build-wasm.mjs assembles both forms, the runtime picks the relaxed
// one where the engine takes it (src/runtime/wasm-kernel.ts), and test/runtime/wasm-kernel.test.ts
// checks the embedded bytes against this rewrite.

/** Tokens of WebAssembly text: parentheses and atoms; `;;` line comments dropped. */
function tokenize(src) {
  const out = [];
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    if (c === ';' && src[i + 1] === ';') {
      const j = src.indexOf('\n', i);
      i = j < 0 ? src.length : j;
    } else if (c === '(' || c === ')') (out.push(c), i++);
    else if (/\s/.test(c)) i++;
    else {
      let j = i;
      while (j < src.length && !/[\s()]/.test(src[j])) j++;
      out.push(src.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** The s-expressions of a token list (nested arrays of atoms). */
function parse(tokens) {
  let i = 0;
  const node = () => {
    if (tokens[i] !== '(') return tokens[i++];
    i++;
    const list = [];
    while (tokens[i] !== ')') {
      if (i >= tokens.length) throw new Error('wat-relaxed: unbalanced parentheses');
      list.push(node());
    }
    i++;
    return list;
  };
  const all = [];
  while (i < tokens.length) all.push(node());
  return all;
}

const rewrite = (n) => {
  if (!Array.isArray(n)) return n;
  const m = n.map(rewrite);
  const [op, acc, prod] = m;
  return op === 'f32x4.add' && m.length === 3 && Array.isArray(prod) && prod[0] === 'f32x4.mul' && prod.length === 3
    ? ['f32x4.relaxed_madd', prod[1], prod[2], acc]
    : m;
};
const print = (n) => (Array.isArray(n) ? `(${n.map(print).join(' ')})` : n);

/**
 * WebAssembly text with its f32x4 multiply-then-add pairs fused (relaxed SIMD), and how many.
 *
 *   relaxedWat('(f32x4.add (local.get $c) (f32x4.mul (local.get $a) (local.get $b)))')
 *   // { text: '(f32x4.relaxed_madd (local.get $a) (local.get $b) (local.get $c))', fused: 1 }
 */
export function relaxedWat(src) {
  const text = parse(tokenize(src)).map(rewrite).map(print).join('\n');
  return { text, fused: text.split('f32x4.relaxed_madd').length - 1 };
}
