// Exploratory check (session 35; bench/RESULTS.md, "What stands in for the third layer" and "What
// makes Fig. 4's second layer"): in a finished trial (`bench fig3` or `fig4`), the hidden neurons
// live at each iteration by the iteration at which they first fire (`liveByFirstActive`), and,
// for each neuron live at an iteration l ≥ 2 after first firing earlier (a reused neuron), how
// much of its input at l comes through its own self-loop: |W_ii|·mean|N_i^(l−1)| against
// Σ_{j≠i} |W_ij|·mean|N_j^(l−1)| (activity over the training set, as the run recorded it).
// Usage: node --import tsx scripts/reuse.mts SEED:TRIAL_DIR … > out.jsonl
//   Prints per trial `liveByFirstActive` and `reusedSelfLoopShare[l − 2]`, the shares at l = 2..I.
import { initBackend } from '../src/train/backend.js';
import { loadRun } from '../src/train/load-run.js';
import { firstActive } from '../src/core/activity.js';
import { liveByFirstActive } from '../bench/lib/spheres-summary.js';
import { ConfigError } from '../src/errors.js';

await initBackend({});
const r3 = (v: number) => Number(v.toPrecision(3));
for (const arg of process.argv.slice(2)) {
  const [seed, dir] = arg.split(':');
  const { snapshot } = await loadRun(dir, { activity: true, data: false });
  const { S, I, dIn, dOut } = snapshot.config;
  const a = snapshot.activity;
  if (!a) throw new ConfigError(`${dir}: needs a run with recorded activity (a bench fig3 or fig4 trial).`);
  const first = firstActive(a, { S, I }, 1);
  const reusedSelfLoopShare: number[][] = [];
  for (let l = 2; l <= I; l++) {
    const shares: number[] = [];
    for (let i = dIn; i < S - dOut; i++) {
      if (!(a.maxAbs[l * S + i] > 0) || first[i] === l) continue;
      const self = Math.abs(snapshot.W[i * S + i]) * a.meanAbs[(l - 1) * S + i];
      let rest = 0;
      for (let j = 0; j < S; j++) if (j !== i) rest += Math.abs(snapshot.W[i * S + j]) * a.meanAbs[(l - 1) * S + j];
      shares.push(self + rest > 0 ? r3(self / (self + rest)) : 0);
    }
    reusedSelfLoopShare.push(shares);
  }
  console.log(JSON.stringify({ seed: Number(seed), dir, liveByFirstActive: liveByFirstActive(a, snapshot.config), reusedSelfLoopShare }));
}
