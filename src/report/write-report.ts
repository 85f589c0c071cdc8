import { mkdirSync } from 'node:fs';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import { join, relative } from 'node:path';
import { collectReport, type CollectOptions } from './collect.js';
import { reportHtml } from './html.js';
import { PNG_SCALE } from './raster.js';
import { reportFigures, type ReportFigureOptions } from './report-figures.js';
import { reportSummary, type ReportSummary } from './summary.js';
import { writeFigure } from './write-figure.js';

/** Options of `writeReport`. */
export interface ReportOptions extends CollectOptions, ReportFigureOptions {
  /** Output folder; default `<runDir>/report`. */
  out: string | undefined;
  /** PNG scale (device pixels per SVG pixel). */
  scale: number;
}

/** What `writeReport` wrote. */
export interface ReportResult {
  /** Path of `report.html`. */
  html: string;
  /** Paths of every figure file (SVG and PNG). */
  figures: string[];
  summary: ReportSummary;
}

/**
 * Write a static report of a run directory: `report.html` and `figures/*.svg|png` in `out`,
 * with the figures, config, final metrics, topology report and the certificates of any
 * `*.urn` model files. The page needs no network: it links only the files written beside it.
 *
 * ```ts
 * const { html, figures, summary } = await writeReport('runs/a', { out: 'runs/a/report' });
 * console.log(formatReportSummary(summary));
 * ```
 */
export async function writeReport(runDir: string, options: Partial<ReportOptions> = {}): Promise<ReportResult> {
  const out = options.out ?? join(runDir, 'report');
  const figDir = join(out, 'figures');
  mkdirSync(figDir, { recursive: true });
  const data = await collectReport(runDir, options);
  const figs = reportFigures(data, options);
  const written = figs.map((f) => writeFigure(f, figDir, options.scale ?? PNG_SCALE));
  const summary = reportSummary(data);
  const html = join(out, 'report.html');
  const rel = (p: string) => relative(out, p).split('\\').join('/');
  atomicWriteFileSync(html, reportHtml(data, summary, written.map((w) => ({ ...w, svg: rel(w.svg), png: rel(w.png) }))));
  return { html, figures: written.flatMap((w) => [w.svg, w.png]), summary };
}
