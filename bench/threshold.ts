/**
 * The verified-threshold search (`chooseThreshold`, what `urn analyze` and `urn export
 * --threshold auto` run) on random URNs, dense and sparse: its seconds, its attempts, and one
 * attempt's phases (toReplay, toLayered, certify). The baseline, measured in the same run, is the
 * forward passes the search cannot avoid: `ratioToForward` is the search's seconds over its
 * attempts × one certificate's. 1 would be a search that spends nothing building the models it
 * certifies. The same search is run again without the probe (`probe: 0`: every threshold on
 * every sample), and `probeSpeedup` is its seconds over the probed search's; both must pick the
 * same threshold.
 *
 *   npm run bench -- threshold [--json] [flags]   (--help: every flag with its kind, default and meaning)
 */
import { chooseThreshold } from '../src/export/threshold.js';
import { toReplay } from '../src/export/replay.js';
import { toLayered } from '../src/export/layered.js';
import { certify } from '../src/export/certify.js';
import { certificationSamples } from '../src/export/verify.js';
import { EXPORT_DEFAULTS } from '../src/export/export-model.js';
import { initBackend } from '../src/train/backend.js';
import { createRng } from '../src/util/rng.js';
import { randomSnapshot } from './util.js';
import { int, ints, nums, parseFlags } from './lib/flags.js';

export const flags = {
  S: ints([1000, 3000], 'network sizes'),
  density: nums([1, 0.05], 'densities of the random W (1: near-dense, as a trial after its first epoch)'),
  I: int(4, 'iterations'),
  samples: int(500, 'held-out rows certified on (random normal inputs), plus as many around them'),
};

const fmt = (s: number): string => (s < 1 ? `${(s * 1e3).toFixed(1)} ms` : `${s.toFixed(2)} s`);

function seconds<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, (performance.now() - t0) / 1000];
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { S: sizes, density: densities, I, samples } = parseFlags('threshold', flags, args);
  await initBackend();
  const cases: Record<string, unknown>[] = [];
  for (const S of sizes) {
    for (const density of densities) {
      const snapshot = randomSnapshot(S, I, density, 1);
      const rng = createRng(2);
      const x = Float32Array.from({ length: samples * snapshot.config.dIn }, () => rng.normal());
      const data = { x, n: samples };
      const options = { tolerance: EXPORT_DEFAULTS.tolerance, minAgreement: EXPORT_DEFAULTS.minAgreement, form: 'layered' as const, synthetic: samples };
      const t0 = performance.now();
      const r = await chooseThreshold(snapshot, data, options);
      const search = (performance.now() - t0) / 1000;
      if (!r.ok) throw new Error(`bench threshold: S=${S} density=${density}: ${r.reason}`);
      const t1 = performance.now();
      const full = await chooseThreshold(snapshot, data, { ...options, probe: 0 });
      const searchNoProbe = (performance.now() - t1) / 1000;
      if (!full.ok || full.threshold !== r.threshold) throw new Error(`bench threshold: S=${S} density=${density}: the search without the probe chose another threshold`);
      const n = samples * 2;
      const onProbe = r.search.trials.filter((t) => t.samples < n).length;
      // One attempt at the threshold found, phase by phase, on the same samples.
      const s = await certificationSamples(snapshot, data, options);
      const [replay, tReplay] = seconds(() => toReplay(snapshot, r.threshold));
      const [layered, tLayered] = seconds(() => toLayered(replay));
      const [, tCertify] = seconds(() => certify(layered, s));
      const attempts = r.search.trials.length;
      const row = {
        S,
        density,
        synapses: replay.W.colIdx.length,
        threshold: r.threshold,
        attempts,
        searchSeconds: search,
        searchNoProbeSeconds: searchNoProbe,
        probeSpeedup: searchNoProbe / search,
        rejectedOnProbe: onProbe,
        toReplaySeconds: tReplay,
        toLayeredSeconds: tLayered,
        certifySeconds: tCertify,
        ratioToForward: search / (attempts * tCertify),
      };
      console.log(
        `S=${S} density=${density}: ${attempts} attempts in ${fmt(search)} (${onProbe} rejected on the probe; ` +
          `${fmt(searchNoProbe)} without it: ${row.probeSpeedup.toFixed(2)}×); one attempt: toReplay ${fmt(tReplay)}, ` +
          `toLayered ${fmt(tLayered)}, certify ${fmt(tCertify)} (${replay.W.colIdx.length} synapses); ` +
          `${row.ratioToForward.toFixed(2)}× its forward passes alone`,
      );
      cases.push(row);
    }
  }
  return { I, samples, cases };
}
