import { MAX_JSON_DEPTH } from './layout.js';
import type { Fail } from './schema.js';

/**
 * Check that a value is JSON-like (null, booleans, finite numbers, strings, arrays and plain
 * objects, at most MAX_JSON_DEPTH deep) without recursion, so hostile nesting cannot overflow.
 *
 * ```ts
 * checkJsonLike(model.topology, 'topology', failer('encodeModel'));
 * ```
 */
export function checkJsonLike(v: unknown, name: string, fail: Fail): void {
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length > 0) {
    const [x, depth] = stack.pop()!;
    if (x === null || typeof x === 'string' || typeof x === 'boolean') continue;
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) fail(`${name} holds a non-finite number (${x}).`);
      continue;
    }
    if (depth >= MAX_JSON_DEPTH) fail(`${name} is nested deeper than ${MAX_JSON_DEPTH} levels.`);
    if (Array.isArray(x)) {
      for (const e of x) stack.push([e, depth + 1]);
      continue;
    }
    if (typeof x === 'object' && !ArrayBuffer.isView(x)) {
      const proto = Object.getPrototypeOf(x);
      if (proto === Object.prototype || proto === null) {
        for (const k of Object.keys(x)) stack.push([(x as Record<string, unknown>)[k], depth + 1]);
        continue;
      }
    }
    fail(`${name} must be JSON-like; found ${ArrayBuffer.isView(x) ? 'a typed array' : typeof x}.`);
  }
}
