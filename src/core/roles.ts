import { ShapeError, prefix } from '../errors.js';
import type { UrnConfig, UpdateRule } from './config.js';
import type { Csr } from './csr.js';

const where = prefix('roles');

/** Role flag of a node: `ROLE_INPUT` (1), `ROLE_OUTPUT` (2), or 0 for a hidden neuron. */
export const ROLE_INPUT = 1;
export const ROLE_OUTPUT = 2;

/**
 * Role flags of CSR nodes under a config: 1 for inputs, 2 for outputs, 0 for hidden neurons.
 * Node c is neuron `csr.neuron[c]`, or neuron c when the CSR carries no ids.
 *
 * ```ts
 * const roles = nodeRoles(csr, cfg); roles[0]; // 1: neuron 0 is an input
 * ```
 */
export function nodeRoles(csr: Pick<Csr, 'rows' | 'neuron'>, cfg: Pick<UrnConfig, 'S' | 'dIn' | 'dOut'>): Uint8Array {
  const n = csr.neuron ? csr.neuron.length : csr.rows;
  const roles = new Uint8Array(n);
  for (let c = 0; c < n; c++) {
    const id = csr.neuron ? csr.neuron[c] : c;
    if (id < 0 || id >= cfg.S) throw new ShapeError(where(`node ${c} is neuron ${id}, outside 0..S-1 (S = ${cfg.S}).`));
    roles[c] = id < cfg.dIn ? ROLE_INPUT : id >= cfg.S - cfg.dOut ? ROLE_OUTPUT : 0;
  }
  return roles;
}

/**
 * The one statement of what persists across φ under an update rule (paper Eqs. 6 and 7): the pair
 * whose value is added after φ to pair (node i, iteration t ≥ 1), as `t'·n + i`, or −1.
 * - `residual-output`: an output carries its previous value, (o, t−1);
 * - `residual-input`: an input gets x_i again, (i, 0);
 * - `plain`: nothing persists.
 *
 * ```ts
 * persistSource('residual-output', ROLE_OUTPUT, o, 2, n); // n + o: the pair (o, 1)
 * ```
 */
export function persistSource(rule: UpdateRule, role: number, i: number, t: number, n: number): number {
  if (rule === 'residual-output' && role === ROLE_OUTPUT) return (t - 1) * n + i;
  if (rule === 'residual-input' && role === ROLE_INPUT) return i;
  return -1;
}
