import type { PointAggregate, Stat } from './aggregate.js';

/**
 * "m ± s" with `digits` decimals, scaled by `scale` ('–' without data).
 *
 * ```ts
 * formatStat({ mean: 0.975, std: 0.01, n: 5 }, 1, 100); // '97.5 ± 1.0'
 * ```
 */
export function formatStat(s: Stat | null, digits = 1, scale = 1): string {
  return s ? `${(s.mean * scale).toFixed(digits)} ± ${(s.std * scale).toFixed(digits)}` : '–';
}

/**
 * The aggregate as a text table: one row per point with n, test accuracy (%), active neurons,
 * hidden-layer widths, strict-MLP share and wall time, each mean ± std over the seeds.
 *
 * ```ts
 * console.log(formatSweepTable(result.aggregate));
 * ```
 */
export function formatSweepTable(rows: PointAggregate[]): string {
  const head = ['point', 'n', 'test acc %', 'active', 'hidden widths', 'strict MLP', 'wall s'];
  const body = rows.map((r) => [
    r.point.label,
    String(r.trials),
    formatStat(r.testAccuracy, 1, 100),
    formatStat(r.activeNeurons),
    r.hiddenWidths.length ? r.hiddenWidths.map((w) => formatStat(w)).join(', ') : '–',
    r.strictMlpShare === null ? '–' : `${(100 * r.strictMlpShare).toFixed(0)}%`,
    formatStat(r.wallSeconds),
  ]);
  const widths = head.map((h, k) => Math.max(h.length, ...body.map((row) => row[k].length)));
  const line = (row: string[]) => row.map((c, k) => c.padEnd(widths[k])).join('  ').trimEnd();
  return [line(head), ...body.map(line)].join('\n');
}
