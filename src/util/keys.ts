import { ConfigError } from '../errors.js';

/**
 * Refuse keys of `given` that are not in `known` (those set to `undefined` count as absent), so
 * that a misspelt field in a JSON spec is an error and not a setting silently left at its
 * default. `what` names the object in the message, e.g. 'train options'.
 *
 * ```ts
 * refuseUnknownKeys({ epoch: 5 }, ['epochs', 'lr'], 'train options'); // throws ConfigError: unknown key 'epoch'
 * ```
 */
export function refuseUnknownKeys(given: object, known: readonly string[], what: string): void {
  const unknown = Object.entries(given).flatMap(([k, v]) => (v === undefined || known.includes(k) ? [] : [k]));
  if (!unknown.length) return;
  const keys = unknown.map((k) => `'${k}'`).join(', ');
  throw new ConfigError(`${what}: unknown key${unknown.length > 1 ? 's' : ''} ${keys}. Known: ${known.join(', ')}. Fix the spelling or drop ${unknown.length > 1 ? 'them' : 'it'}.`);
}
