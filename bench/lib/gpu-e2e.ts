/**
 * The GPU check's end-to-end section, run as a child process: train a small URN on webgpu (with
 * checkpoints, the timeline and compaction), resume it, export it with a certificate and verify
 * it, then train the same run on cpu and compare. Prints its checks as one JSON line and then
 * does NOT call process.exit: the parent checks that the process ends on its own.
 */
import { join } from 'node:path';
import { initBackend, train, disposeModel, snapshotOf, chooseThreshold, writeModel, readModel, verify, makeSpheres } from '../../src/index.js';
import type { Check } from './gpu-kernels.js';

/** The flag that runs this section in the child. */
export const E2E_FLAG = '--e2e-child';

const check = (name: string, ok: boolean, maxAbs = 0, maxRel = 0, detail?: string): Check => ({ name, ok, maxAbs, maxRel, detail });

/** One run on a backend: train 4 epochs, resume to 6, and the final metrics. */
async function trainOn(backend: 'webgpu' | 'cpu', out: string) {
  await initBackend({ backend });
  const data = makeSpheres({ nTrain: 256, nTest: 128, seed: 1 });
  const request = { data, config: { S: 48, I: 3 }, options: { epochs: 4, batchSize: 32, checkpointEvery: 2, timelineEvery: 2 }, outDir: join(out, `e2e-${backend}`), backend };
  const first = await train(request);
  disposeModel(first.model);
  const resumed = await train({ ...request, options: { ...request.options, epochs: 6 }, resume: true });
  return { data, resumed, first };
}

/**
 * The child's work (see the module summary).
 *
 * ```ts
 * await e2eChild('/tmp/gpu-out');
 * ```
 */
export async function e2eChild(out: string): Promise<void> {
  const checks: Check[] = [];
  const gpu = await trainOn('webgpu', out);
  const { resumed, data } = gpu;
  checks.push(check('e2e train 4 epochs + resume to 6 on webgpu', resumed.epochs === 6 && Number.isFinite(resumed.final?.loss), 0, 0, `loss ${resumed.final?.loss}, test accuracy ${resumed.final?.testAccuracy}`));
  const snapshot = await snapshotOf(resumed.model, data.train);
  const test = { x: data.test.x, n: data.test.n, y: data.test.y };
  const chosen = await chooseThreshold(snapshot, test, { tolerance: 1e-2, minAgreement: 1, form: 'layered', synthetic: 500 });
  if (!chosen.ok) {
    checks.push(check('e2e export: a certified threshold', false, NaN, NaN, chosen.reason));
  } else {
    const file = join(out, 'e2e-webgpu.urn');
    writeModel(file, chosen.model);
    const again = await verify(readModel(file), resumed.model, test, { synthetic: 500 });
    const c = chosen.certificate;
    checks.push(check('e2e export → certificate within 1e-2, argmax agreement 1', c.maxRelError <= 1e-2 && c.argmaxAgreement === 1, c.maxAbsError, c.maxRelError, `threshold ${c.threshold}, kept ${c.keptSynapses} of ${c.denseSynapses}`));
    checks.push(check('e2e verify of the written file against the live webgpu model', again.maxRelError <= 1e-2 && again.argmaxAgreement === 1, again.maxAbsError, again.maxRelError));
  }
  disposeModel(resumed.model);
  const cpu = await trainOn('cpu', out);
  const [g, c] = [resumed.final!, cpu.resumed.final!];
  const rel = Math.abs(g.loss - c.loss) / Math.abs(c.loss);
  checks.push(check('e2e the same run on cpu: final loss agrees within 1e-3', rel <= 1e-3, Math.abs(g.loss - c.loss), rel, `webgpu ${g.loss}, cpu ${c.loss}; test accuracy ${g.testAccuracy} vs ${c.testAccuracy}`));
  disposeModel(cpu.resumed.model);
  console.log(JSON.stringify(checks));
}
