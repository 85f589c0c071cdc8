// Exploratory causal check (session 31; bench/RESULTS.md, "Why two seeds never learn"): do seeds 15 and 16 of Fig. 3 learn when their relu
// outputs are lit at init by a small positive output bias, everything else as the bench ran them?
// Usage: node --import tsx scripts/rescue-dark-outputs.mts RUN_DIR [train]
//   prints how dark the outputs are at init for output biases 0, 0.01, 0.03, …, stops at the first
//   that lights both on more than half the samples, and with `train` retrains the run from that init.
// (Since session 32 `train`'s `outputBias` option does the lighting; `bench fig3 --output-bias` runs it over seeds.)
import { readFileSync } from 'node:fs';
import { initBackend } from '../src/train/backend.js';
import { loadRun } from '../src/train/load-run.js';
import { train } from '../src/train/train.js';
import { resolveConfig } from '../src/core/config.js';
import { outputsZeroAtInit } from '../bench/lib/spheres-summary.js';
const [dir, mode] = process.argv.slice(2);
await initBackend({});
const run = JSON.parse(readFileSync(`${dir}/run.json`, 'utf8'));
const cfg = resolveConfig(run.config);
const { data } = await loadRun(dir, { activity: false, data: true });
let beta = 0;
for (const bb of [0, 0.01, 0.03, 0.1, 0.3, 1]) {
  const z = await outputsZeroAtInit(cfg, { initScale: run.options.initScale, outputBias: bb }, data!.train.x, data!.train.n);
  console.log(`seed ${cfg.seed} output bias ${bb}: dark ${z.map((v) => (100 * v).toFixed(0) + '%').join(' / ')}`);
  if (Math.max(...z) < 0.5) { beta = bb; break; }
}
if (mode === 'train') {
  const r = await train({ data: data!, config: cfg, options: { ...run.options, outputBias: beta }, onEpoch: (m) => { if (m.epoch % 20 === 0 || m.epoch <= 3) console.log(`seed ${cfg.seed} bias ${beta} epoch ${m.epoch}: CE ${m.crossEntropy.toFixed(4)} test ${m.testAccuracy} active ${m.activeNeurons}`); } });
  console.log(`seed ${cfg.seed} output bias ${beta}: final test ${r.final?.testAccuracy} active ${r.final?.activeNeurons}`);
}
