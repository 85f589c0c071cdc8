import { toReplay } from '../../src/export/replay.js';
import { toLayered } from '../../src/export/layered.js';
import type { SparseModel, Certificate } from '../../src/core/sparse-model.js';
import { randomSnapshot } from '../export/fixtures.js';

/** A certificate with every field set. */
export const CERT: Certificate = {
  threshold: 0.05,
  form: 'replay',
  samples: 30,
  heldOut: 20,
  synthetic: 10,
  seed: 3,
  maxAbsError: 1.5e-6,
  maxRelError: 2.25e-7,
  argmaxAgreement: 1,
  accuracyDense: 0.95,
  accuracySparse: 0.95,
  keptSynapses: 120,
  denseSynapses: 400,
};

/** Small models of both forms, with and without certificate, topology, geometry and a linear read-out. */
export function sampleModels(): SparseModel[] {
  const a = toReplay(randomSnapshot({ S: 20, I: 3, dIn: 4, dOut: 2, rule: 'residual-output', activation: 'relu', seed: 2 }), 0.05);
  const b = toLayered(toReplay(randomSnapshot({ S: 24, I: 4, dIn: 3, dOut: 2, rule: 'residual-input', activation: 'tanh', seed: 4, density: 0.15 }), 0));
  const c = toReplay(randomSnapshot({ S: 16, I: 2, dIn: 4, dOut: 2, rule: 'plain', activation: 'tanh', seed: 5 }), 0);
  c.config.geometry = { grid: [2, 2, 4], beta: 2, gamma: 1 };
  // A compacted grid network: 12 of the 3×2×3 grid's 18 cells.
  const d = toReplay(randomSnapshot({ S: 12, I: 2, dIn: 6, dOut: 1, rule: 'plain', activation: 'relu', seed: 6 }), 0);
  d.config.geometry = { grid: [3, 2, 3], beta: 1, gamma: 2, cells: [0, 1, 2, 3, 4, 5, 7, 9, 12, 13, 16, 17] };
  // A linear read-out (outputs without φ), in the layered form.
  const e = toLayered(toReplay(randomSnapshot({ S: 18, I: 3, dIn: 3, dOut: 2, rule: 'plain', activation: 'relu', readout: 'linear', seed: 7, density: 0.3 }), 0));
  a.certificate = { ...CERT };
  b.certificate = { ...CERT, form: 'layered', threshold: 0 };
  delete b.certificate.accuracyDense;
  delete b.certificate.accuracySparse;
  b.topology = { layers: [3, 2], sccs: [], note: 'émergent', nested: { ok: true, v: [1.5, null] } };
  return [a, b, c, d, e];
}
