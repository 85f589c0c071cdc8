import { formatReportTable } from '../topology/format-table.js';
import type { ReportData } from './collect.js';
import { esc } from './svg/markup.js';
import type { ReportSummary } from './summary.js';
import { fmt } from './fmt.js';

/** A figure as the page links it: paths relative to the page. */
export interface PageFigure {
  name: string;
  title: string;
  svg: string;
  png: string;
  notes: string[];
}

const CSS = `
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1400px; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.5em 0; } td, th { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f5f5f5; } pre { background: #f7f7f7; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
figure { margin: 1.5em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #444; font-size: 0.9em; } .notes { color: #666; font-style: italic; } .warn { color: #a15c00; }
`;

function table(rows: [string, string][]): string {
  return `<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

const cell = (v: unknown): string => (typeof v === 'number' || v === null || v === undefined ? fmt(v) : String(v));

/**
 * The report page: a static HTML document that links only the given local figure files (SVG
 * shown, PNG linked) and holds the config, final metrics, topology report and certificates.
 *
 * ```ts
 * writeFileSync('report.html', reportHtml(data, summary, figures));
 * ```
 */
export function reportHtml(d: ReportData, s: ReportSummary, figures: PageFigure[]): string {
  const c = d.snapshot.config;
  const parts: string[] = [];
  parts.push(`<h1>URN report</h1><p>${esc(d.runDir)}${d.epoch !== null ? ` · epoch ${d.epoch}` : ''}</p>`);
  for (const n of d.notes) parts.push(`<p class="warn">${esc(n)}</p>`);
  parts.push('<h2>Model</h2>');
  parts.push(
    table([
      ['neurons S', `${c.S}${d.compactedFrom ? ` (compacted from ${d.compactedFrom}; neuron ids in the figures are the compacted model's)` : ''}`],
      ['iterations I', String(c.I)],
      ['inputs / outputs', `${c.dIn} / ${c.dOut}`],
      ['update rule', c.rule],
      ['activation', c.activation],
      ['geometry', c.geometry ? `grid ${c.geometry.grid.join('×')}, β = ${c.geometry.beta}, γ = ${c.geometry.gamma}` : 'none'],
      ['activity measured on', d.activity ? `${d.activity.samples} samples (${d.activity.source})${d.activity.accuracy !== null ? `, accuracy ${cell(d.activity.accuracy)}` : ''}` : 'not measured'],
    ]),
  );
  if (s.final) {
    const last = d.metrics[d.metrics.length - 1];
    parts.push('<h2>Final metrics</h2>');
    parts.push(table(Object.entries(last).map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : cell(v)])));
  }
  parts.push('<h2>Figures</h2>');
  for (const f of figures) {
    parts.push(
      `<figure id="${esc(f.name)}"><a href="${esc(f.png)}"><img src="${esc(f.svg)}" alt="${esc(f.title)}"></a>` +
        `<figcaption><b>${esc(f.title)}</b> · <a href="${esc(f.svg)}">SVG</a> · <a href="${esc(f.png)}">PNG</a>` +
        `${f.notes.length ? `<br><span class="notes">${f.notes.map(esc).join('<br>')}</span>` : ''}</figcaption></figure>`,
    );
  }
  parts.push('<h2>Topology of the emergent network</h2>');
  parts.push(`<p${d.fidelity.pass === true ? '' : ' class="warn"'}>Fidelity: ${esc(d.fidelity.summary)}</p>`);
  if (d.topology) {
    parts.push(`<pre>${esc(formatReportTable(d.topology))}</pre>`);
    parts.push(`<details><summary>Full topology report (JSON)</summary><pre>${esc(JSON.stringify(d.topology, null, 2))}</pre></details>`);
  } else parts.push('<p>No topology report.</p>');
  parts.push('<h2>Exported models</h2>');
  if (!d.models.length) parts.push('<p>No <code>*.urn</code> model file in the run directory.</p>');
  for (const m of d.models) {
    parts.push(`<h3>${esc(m.file)}</h3>`);
    if (m.error) parts.push(`<p class="warn">unreadable: ${esc(m.error)}</p>`);
    else if (!m.certificate) parts.push(`<p>${esc(String(m.form))} form, threshold ${cell(m.threshold)}; no verification certificate.</p>`);
    else parts.push(table(Object.entries(m.certificate).map(([k, v]) => [k, cell(v)])));
  }
  parts.push('<h2>Configuration</h2>');
  parts.push(`<pre>${esc(JSON.stringify(d.run ?? { config: c }, null, 2))}</pre>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>URN report · ${esc(d.runDir)}</title>`,
    `<style>${CSS}</style></head><body>`,
    ...parts,
    '</body></html>',
    '',
  ].join('\n');
}
