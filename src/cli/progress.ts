import cliProgress from 'cli-progress';
import type { EpochMetrics } from '../run/metrics.js';
import type { ThresholdTrial } from '../export/threshold.js';

/** Progress reporting for training: a bar on a TTY, one plain line per epoch otherwise. */
export interface Progress {
  batch(batch: number, batches: number, epoch: number): void;
  epoch(m: EpochMetrics): void;
  stop(): void;
}

/** An accuracy as a percentage, `-` when not measured. */
export const pct = (v: number | null): string => (v === null ? '   -  ' : `${(100 * v).toFixed(1).padStart(5)}%`);

/** One-line human summary of an epoch. */
export function epochLine(m: EpochMetrics, epochs: number): string {
  return (
    `epoch ${String(m.epoch).padStart(String(epochs).length)}/${epochs}  loss ${m.loss.toFixed(4)}` +
    `  (ce ${m.crossEntropy.toFixed(4)} w ${m.weightTerm.toFixed(4)} n ${m.activityTerm.toFixed(4)}` +
    `${m.lengthTerm ? ` syn ${m.lengthTerm.toFixed(4)}` : ''})  train ${pct(m.trainAccuracy)}  test ${pct(m.testAccuracy)}` +
    `  active ${m.activeNeurons ?? '-'}/${m.neurons}  ${m.seconds.toFixed(2)}s`
  );
}

/**
 * Create the reporter. `quiet` prints nothing (for --json); otherwise a TTY gets a bar.
 */
export function createProgress(epochs: number, opts: { quiet: boolean; stream?: NodeJS.WriteStream }): Progress {
  const stream = opts.stream ?? process.stderr;
  if (opts.quiet) return { batch() {}, epoch() {}, stop() {} };
  if (!stream.isTTY) {
    return { batch() {}, epoch: (m) => stream.write(`${epochLine(m, epochs)}\n`), stop() {} };
  }
  const bar = new cliProgress.SingleBar(
    { stream, format: 'epoch {epoch}/{epochs} [{bar}] {percentage}% | {last}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let last = '';
  return {
    batch(b, batches, epoch) {
      if (!started) {
        bar.start(batches, 0, { epoch, epochs, last });
        started = true;
      }
      bar.update(b, { epoch, epochs, last });
    },
    epoch(m) {
      bar.stop();
      started = false;
      last = `loss ${m.loss.toFixed(4)} test ${pct(m.testAccuracy)} active ${m.activeNeurons ?? '-'}`;
      stream.write(`${epochLine(m, epochs)}\n`);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Progress of a verified-threshold search (`chooseThreshold`'s `onTrial`), and its end. */
export interface SearchProgress {
  onTrial?: (t: ThresholdTrial, done: number, most: number) => void;
  stop(): void;
}

/**
 * A bar for the threshold search on a TTY (each certificate can take seconds on a large network),
 * cleared when it ends; nothing when `quiet` or not on a TTY, so that logs and pipes stay as they were.
 *
 * ```ts
 * const p = createSearchProgress({ quiet: false });
 * await analyzeRun(dir, { onTrial: p.onTrial }).finally(() => p.stop());
 * ```
 */
export function createSearchProgress(opts: { quiet: boolean; stream?: NodeJS.WriteStream }): SearchProgress {
  const stream = opts.stream ?? process.stderr;
  if (opts.quiet || !stream.isTTY) return { stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream, format: 'certifying thresholds [{bar}] {value}/≤{total} | {last}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let certified = 0;
  return {
    onTrial(t, done, most) {
      // The first trial is always certified on every sample; a later one with fewer was rejected on the probe.
      if (done === 1) certified = t.samples;
      const on = t.samples < certified ? ` on ${t.samples} probe samples` : '';
      const last = `|w| > ${t.threshold.toExponential(2)}: ${t.keptSynapses} synapses, ${t.pass ? 'pass' : 'fail'}${on} (agreement ${(100 * t.argmaxAgreement).toFixed(2)}%, max relative ${t.maxRelError.toExponential(2)})`;
      if (!started) bar.start(most, 0, { last });
      started = true;
      bar.update(done, { last });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
