// Exploratory causal check (session 31; bench/RESULTS.md, "Why two seeds never learn"): do seeds 15 and 16 of Fig. 3 learn when their relu
// outputs are lit at init by a small positive output bias, everything else as the bench ran them?
// Usage: node --import tsx scripts/rescue-dark-outputs.mts RUN_DIR [train]
//   prints how dark the outputs are at init for output biases 0, 0.01, 0.03, …, stops at the first
//   that lights both on more than half the samples, and with `train` retrains the run from that init.
import { readFileSync } from 'node:fs';
import { initBackend } from '../src/train/backend.js';
import { initParams } from '../src/train/init.js';
import { createModel, disposeModel, predictLogits } from '../src/train/model.js';
import { loadRun } from '../src/train/load-run.js';
import { train } from '../src/train/train.js';
const [dir, mode] = process.argv.slice(2);
await initBackend({});
const run = JSON.parse(readFileSync(`${dir}/run.json`, 'utf8'));
const cfg = run.config;
const { data } = await loadRun(dir, { data: true });
const dark = async (b: Float32Array, W: Float32Array) => {
  const m = createModel(cfg, { W, b });
  const l = await predictLogits(m, data!.train.x.subarray(0, 1000 * cfg.dIn), 1000);
  disposeModel(m);
  return [0, 1].map((k) => { let z = 0; for (let s = 0; s < 1000; s++) if (l[s * 2 + k] === 0) z++; return z / 1000; });
};
const init = initParams(cfg, { initScale: run.options.initScale });
let beta = 0;
for (const bb of [0, 0.01, 0.03, 0.1, 0.3, 1]) {
  const b = new Float32Array(cfg.S);
  for (let k = cfg.S - cfg.dOut; k < cfg.S; k++) b[k] = bb;
  const z = await dark(b, init.W);
  console.log(`seed ${cfg.seed} output bias ${bb}: dark ${z.map((v) => (100 * v).toFixed(0) + '%').join(' / ')}`);
  if (Math.max(...z) < 0.5) { beta = bb; break; }
}
if (mode === 'train') {
  for (let k = cfg.S - cfg.dOut; k < cfg.S; k++) init.b[k] = beta;
  const r = await train({ data: data!, config: cfg, options: run.options, init, onEpoch: (m) => { if (m.epoch % 20 === 0 || m.epoch <= 3) console.log(`seed ${cfg.seed} bias ${beta} epoch ${m.epoch}: CE ${m.crossEntropy.toFixed(4)} test ${m.testAccuracy} active ${m.activeNeurons}`); } });
  console.log(`seed ${cfg.seed} output bias ${beta}: final test ${r.final?.testAccuracy} active ${r.final?.activeNeurons}`);
}
