import type { Certificate, SparseModel } from '../core/sparse-model.js';
import { verify } from '../export/verify.js';
import { viewConfig, viewParams } from './layout.js';
import { TASK_EXPORT } from './structure.js';
import type { LifelongResult, LifelongTask } from './types.js';

/**
 * Certify each task's sub-network, exported right after that task was learned, against the
 * whole URN as it is now (its view of the final W): under CLNP the later tasks left everything
 * feeding an earlier head untouched, so the old export still matches (max |Δlogit| at float
 * rounding, argmax agreement 1). null where a task had no certified export.
 *
 * ```ts
 * const certs = await recertify(r, spec.tasks, [sub.model]); // [t]: the TaskSubnetwork.model of task t
 * ```
 */
export async function recertify(r: Pick<LifelongResult, 'config' | 'W' | 'b' | 'layout'>, tasks: LifelongTask[], models: (SparseModel | null)[]): Promise<(Certificate | null)[]> {
  const certs: (Certificate | null)[] = [];
  for (const [t, m] of models.entries()) {
    if (!m) {
      certs.push(null);
      continue;
    }
    const v = viewParams(r.W, r.b, r.config.S, r.layout.viewS[t]);
    const test = tasks[t].data.test;
    certs.push(await verify(m, { config: viewConfig(r.config, r.layout, t), ...v }, { x: test.x, n: test.n, y: test.y }, { synthetic: TASK_EXPORT.synthetic }));
  }
  return certs;
}
