// Exploratory check (session 45; bench/prereg/session45.md): does a hidden neuron that was exactly 0
// on the whole training set at an evaluated epoch ever fire again when training keeps it (dense,
// `compact: false`)? Compaction drops such neurons for good, so it matches dense training only if
// none come back.
// Usage: node --import tsx scripts/revival.mts RUN_DIR EPOCHS [truncated|normal] > out.jsonl
//   RUN_DIR: a trial directory of `bench fig3`; its run.json gives the data spec, config and
//   options (the seed too). Prints one JSON line per epoch: the active hidden neurons, how many
//   were dead (0 on every training sample at every iteration) at the previous epoch and fire now
//   (`revived`), how many fired then and are dead now (`died`), how many of the active ones were ever dead at an earlier epoch (`everDeadActive`),
//   the largest activity among those, and the dead outputs.
import { readFileSync } from 'node:fs';
import { initBackend } from '../src/train/backend.js';
import { loadDataSpec, specForModel } from '../src/data/spec.js';
import { train } from '../src/train/train.js';
import { resolveConfig } from '../src/core/config.js';
import { everActive } from '../src/core/activity.js';

const [dir, epochsArg, init] = process.argv.slice(2);
await initBackend({});
const run = JSON.parse(readFileSync(`${dir}/run.json`, 'utf8'));
const cfg = resolveConfig(run.config);
const data = loadDataSpec(specForModel(run.data, cfg.dOut));
const { S, I, dIn, dOut } = cfg;
const weightInit = init ?? run.options.weightInit ?? 'normal';
let prev: Uint8Array | null = null;
const everDead = new Uint8Array(S);
const t0 = Date.now();
await train({
  data,
  config: cfg,
  options: { ...run.options, weightInit, epochs: Number(epochsArg), compact: false, evalEvery: 1, checkpointEvery: 0, timelineEvery: 0 },
  onEpoch: (m, ctx) => {
    const stats = ctx.trainEval!.stats;
    const act = everActive(stats, { S, I });
    let active = 0, revived = 0, everDeadActive = 0, died = 0, maxRevived = 0;
    for (let i = dIn; i < S - dOut; i++) {
      if (act[i]) active++;
      if (prev && !prev[i] && act[i]) revived++;
      if (prev && prev[i] && !act[i]) died++;
      if (act[i] && everDead[i]) {
        everDeadActive++;
        for (let l = 1; l <= I; l++) maxRevived = Math.max(maxRevived, stats.maxAbs[l * S + i]);
      }
    }
    for (let i = dIn; i < S - dOut; i++) if (!act[i]) everDead[i] = 1;
    prev = act;
    const { epoch, crossEntropy, trainAccuracy, testAccuracy, deadOutputs } = m;
    console.log(JSON.stringify({ seed: cfg.seed, weightInit, epoch, crossEntropy, trainAccuracy, testAccuracy, active, died, revived, everDeadActive, maxRevived, deadOutputs: deadOutputs ?? [], seconds: (Date.now() - t0) / 1000 }));
  },
});
