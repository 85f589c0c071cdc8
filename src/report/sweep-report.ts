import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import { aggregateSweep, type PointAggregate } from '../sweep/aggregate.js';
import { readSweep } from '../sweep/sweep.js';
import { sweepFigure } from './figures/sweep.js';
import { writeFigure, type WrittenFigure } from './write-figure.js';

/** What `writeSweepReport` wrote and found. */
export interface SweepReport {
  /** `<dir>/report/sweep.json`: the aggregate and every finished trial's result. */
  json: string;
  figure: WrittenFigure;
  aggregate: PointAggregate[];
  /** Finished trials out of all. */
  finished: number;
  total: number;
}

/**
 * Report a sweep directory: aggregate its finished trials per point and write
 * `report/sweep.json` and the figure `report/sweep.svg` / `.png` (metrics against the swept
 * parameter, mean ± std error bars). Works on a sweep that is still running.
 *
 * ```ts
 * const { aggregate, figure } = writeSweepReport('runs/cn');
 * ```
 */
export function writeSweepReport(dir: string): SweepReport {
  const { file, results } = readSweep(dir);
  const aggregate = aggregateSweep(file.points, results);
  const out = join(dir, 'report');
  mkdirSync(out, { recursive: true });
  const json = join(out, 'sweep.json');
  atomicWriteFileSync(json, JSON.stringify({ id: file.id, name: file.name, finished: results.length, total: file.trials.length, aggregate, results }, null, 2));
  const figure = writeFigure(sweepFigure(aggregate, file.name === 'sweep' ? 'Sweep' : `Sweep ${file.name}`), out);
  return { json, figure, aggregate, finished: results.length, total: file.trials.length };
}
