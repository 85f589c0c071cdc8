import type { ReportData } from './collect.js';
import { fmt } from './fmt.js';

/** The headline numbers of a report, as plain JSON (what `urn report --json` prints). */
export interface ReportSummary {
  runDir: string;
  epoch: number | null;
  config: ReportData['snapshot']['config'];
  compactedFrom: number | null;
  final: { trainAccuracy: number | null; testAccuracy: number | null; activeNeurons: number | null; loss: number | null } | null;
  activity: ReportData['activity'];
  /** Set when no activity was measured: the structure shown is then found by reachability only. */
  warning: string | null;
  /** How faithful the structure shown is to the dense network: export's certificate at the report's threshold. */
  fidelity: ReportData['fidelity'];
  network: { active: number; widths: number[]; perIteration: number[]; strictMlp: boolean; skips: number; sccs: number; backEdges: number } | null;
  models: { file: string; form?: string; maxAbsError?: number; argmaxAgreement?: number; samples?: number; error?: string }[];
  notes: string[];
}

/**
 * The headline numbers of collected report data.
 *
 * ```ts
 * const s = reportSummary(await collectReport('runs/a'));
 * s.network?.widths; // e.g. [10, 115, 4, 3, 2]
 * ```
 */
export function reportSummary(d: ReportData): ReportSummary {
  const last = d.metrics[d.metrics.length - 1];
  const t = d.topology;
  return {
    runDir: d.runDir,
    epoch: d.epoch,
    config: d.snapshot.config,
    compactedFrom: d.compactedFrom,
    final: last ? { trainAccuracy: last.trainAccuracy, testAccuracy: last.testAccuracy, activeNeurons: last.activeNeurons, loss: last.loss } : null,
    activity: d.activity,
    warning: d.activity ? null : `${d.runDir}: no activity was measured, so dead neurons are found by reachability only and the structure shown is not the trained network's (see the notes).`,
    fidelity: d.fidelity,
    network: t
      ? { active: t.neurons.active, widths: t.layers.widths, perIteration: t.layers.livePairsPerIteration, strictMlp: t.strictMlp, skips: t.skips.count, sccs: t.loops.sccs, backEdges: t.loops.backEdges }
      : null,
    models: d.models.map((m) =>
      m.error
        ? { file: m.file, error: m.error }
        : { file: m.file, form: m.form, maxAbsError: m.certificate?.maxAbsError, argmaxAgreement: m.certificate?.argmaxAgreement, samples: m.certificate?.samples },
    ),
    notes: d.notes,
  };
}


/**
 * A few human-readable lines of a report summary, for the CLI.
 *
 * ```ts
 * console.log(formatReportSummary(reportSummary(data)));
 * ```
 */
export function formatReportSummary(s: ReportSummary): string {
  const c = s.config;
  const lines = [
    `run        ${s.runDir}${s.epoch !== null ? ` (epoch ${s.epoch})` : ''}`,
    `model      S=${c.S}${s.compactedFrom ? ` (compacted from ${s.compactedFrom})` : ''} I=${c.I} dIn=${c.dIn} dOut=${c.dOut} ${c.rule} ${c.activation}${c.readout === 'linear' ? ' (linear read-out)' : ''}${c.geometry ? ` grid ${c.geometry.grid.join('×')}` : ''}`,
  ];
  if (s.final) {
    lines.push(`final      train ${fmt(s.final.trainAccuracy)} · test ${fmt(s.final.testAccuracy)} · loss ${fmt(s.final.loss)} · active ${fmt(s.final.activeNeurons)}`);
  }
  if (s.network) {
    const n = s.network;
    lines.push(`network    ${n.active} neurons, layers ${n.widths.join('-')} (per iteration ${n.perIteration.join('-')})${n.strictMlp ? ' (strict MLP)' : ''} · skips ${n.skips} · SCCs ${n.sccs} · back edges ${n.backEdges}`);
  }
  lines.push(`fidelity   ${s.fidelity.summary}`);
  for (const m of s.models) {
    lines.push(
      m.error
        ? `model file ${m.file}: unreadable (${m.error})`
        : `model file ${m.file}: ${m.form}, certificate max |Δlogit| ${fmt(m.maxAbsError, 3)}, argmax agreement ${fmt(m.argmaxAgreement)} on ${fmt(m.samples)} samples`,
    );
  }
  for (const n of s.notes) lines.push(`note       ${n}`);
  return lines.join('\n');
}
