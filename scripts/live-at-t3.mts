// Exploratory check (session 35; bench/RESULTS.md, "What stands in for the third layer"): in a
// finished plain-rule trial, which hidden neurons are live at iteration 3, the states the outputs
// read at t = 4 (I = 4), grouped by the iteration at which they first fire; and, for each live
// one first active earlier (a reused neuron), how much of its t = 3 input comes through its own
// self-loop: |W_ii|·mean|N_i^(2)| against Σ_{j≠i} |W_ij|·mean|N_j^(2)| (activity over the
// training set, as the run recorded it).
// Usage: node --import tsx scripts/live-at-t3.mts SEED:TRIAL_DIR … > out.jsonl
import { initBackend } from '../src/train/backend.js';
import { loadRun } from '../src/train/load-run.js';
import { firstActive } from '../src/core/activity.js';
import { liveByFirstActive } from '../bench/lib/spheres-summary.js';
import { ConfigError } from '../src/errors.js';

await initBackend({});
for (const arg of process.argv.slice(2)) {
  const [seed, dir] = arg.split(':');
  const { snapshot } = await loadRun(dir, { activity: true, data: false });
  const { S, I, dIn, dOut } = snapshot.config;
  const a = snapshot.activity;
  if (!a || I !== 4) throw new ConfigError(`${dir}: needs a run with recorded activity and I = 4 (a plain-rule bench fig3 trial).`);
  const first = firstActive(a, { S, I }, 1);
  const liveAt3ByFirst = liveByFirstActive(a, snapshot.config)[2];
  const selfShare: number[] = [];
  for (let i = dIn; i < S - dOut; i++) {
    if (!(a.maxAbs[3 * S + i] > 0) || first[i] === 3) continue;
    const self = Math.abs(snapshot.W[i * S + i]) * a.meanAbs[2 * S + i];
    let rest = 0;
    for (let j = 0; j < S; j++) if (j !== i) rest += Math.abs(snapshot.W[i * S + j]) * a.meanAbs[2 * S + j];
    selfShare.push(self + rest > 0 ? self / (self + rest) : 0);
  }
  const r = (v: number) => Number(v.toPrecision(3));
  console.log(JSON.stringify({ seed: Number(seed), dir, liveAt3ByFirst, reusedSelfLoopShare: selfShare.map(r) }));
}
