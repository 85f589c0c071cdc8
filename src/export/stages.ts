import { phiCount, type Activation } from '../core/config.js';
import { ConfigError, prefix } from '../errors.js';
import type { Csr, LayerBlock, LayeredModel } from '../core/sparse-model.js';

/**
 * One stage of the layered computation as linear algebra over row-vectors of values:
 * `v = φ(Σ_pre v_from · Aᵀ + bias) + Σ_skip v_from · Bᵀ + offset` (φ is the identity when
 * `activation` is null, and on the units from `phiUnits` on). Value 0 is the input x; stage k
 * produces value k.
 */
export interface Stage {
  units: number;
  pre: LayerBlock[];
  bias: Float32Array;
  activation: Activation | null;
  /** Units 0..phiUnits-1 take φ; the rest are outputs of a linear read-out, which take z. */
  phiUnits: number;
  skip: LayerBlock[];
  offset: Float32Array;
}

function emptyCsr(rows: number, cols: number): Csr {
  return { rows, cols, rowPtr: new Int32Array(rows + 1), colIdx: new Int32Array(0), values: new Float32Array(0) };
}

/** The read-out as a stage: logit k = v[outLayer[k]][outUnit[k]] + outOffset[k], as 0/1 selections. */
function readout(model: LayeredModel, sizes: number[]): Stage {
  const dOut = model.outLayer.length;
  const pre: LayerBlock[] = [];
  for (let l = 0; l < sizes.length; l++) {
    const rows = [...model.outLayer].flatMap((L, k) => (L === l ? [k] : []));
    if (rows.length === 0) continue;
    const rowPtr = new Int32Array(dOut + 1);
    for (const k of rows) rowPtr[k + 1] = 1;
    for (let k = 0; k < dOut; k++) rowPtr[k + 1] += rowPtr[k];
    const colIdx = Int32Array.from(rows, (k) => model.outUnit[k]);
    pre.push({ from: l, matrix: { rows: dOut, cols: sizes[l], rowPtr, colIdx, values: new Float32Array(rows.length).fill(1) } });
  }
  // Every logit constant: multiply x by zeros so that the result still has the batch's shape.
  if (pre.length === 0) pre.push({ from: 0, matrix: emptyCsr(dOut, sizes[0]) });
  return { units: dOut, pre, bias: Float32Array.from(model.outOffset), activation: null, phiUnits: 0, skip: [], offset: new Float32Array(dOut) };
}

/**
 * The stages of a layered model: its layers (value t is layer t), then the read-out, whose value
 * is the `n×dOut` logits. The common plan of the ONNX and tfjs writers.
 *
 * ```ts
 * const st = stages(toLayered(toReplay(snapshot, 1e-3)));
 * st.at(-1)!.units; // dOut
 * ```
 */
export function stages(model: LayeredModel): Stage[] {
  if (model.layers.some((L) => L.activation !== undefined || L.psi !== undefined)) {
    throw new ConfigError(prefix('export')('layers with their own activation or ψ (isotropic MLPs) have no ONNX or tfjs writer yet. Export them as a urn model file.'));
  }
  const sizes = [model.config.dIn, ...model.layers.map((L) => L.neurons.length)];
  const out: Stage[] = model.layers.map((L) => ({
    units: L.neurons.length,
    pre: L.pre,
    bias: L.bias,
    activation: model.config.activation,
    phiUnits: phiCount(L.neurons, model.config),
    skip: L.skip,
    offset: L.offset,
  }));
  out.push(readout(model, sizes));
  return out;
}

/**
 * How a writer applies a stage's φ when only its first `phiUnits` units take it (a linear
 * read-out): relu as max(z, lower) with lower 0 on those units and −∞ on the rest (exact), tanh
 * as z + mask·(tanh(z) − z) with mask 1 on those units and 0 on the rest (the linear units
 * exactly z, the others tanh(z) to float rounding). Null when every unit takes φ.
 *
 * ```ts
 * const p = partialPhi(stages(model).at(-2)!); // { op: 'max', values }, { op: 'mask', values } or null
 * ```
 */
export function partialPhi(st: Stage): { op: 'max' | 'mask'; values: Float32Array } | null {
  if (!st.activation || st.phiUnits === st.units) return null;
  const relu = st.activation === 'relu';
  const values = new Float32Array(st.units).fill(relu ? -Infinity : 0);
  values.fill(relu ? 0 : 1, 0, st.phiUnits);
  return { op: relu ? 'max' : 'mask', values };
}

/**
 * Aᵀ as a dense row-major `cols×rows` array: the matrix that multiplies a row-vector of the
 * source values (`v_from · Aᵀ`).
 *
 * ```ts
 * const w = transposedDense(block.matrix); // block.matrix.cols × block.matrix.rows
 * ```
 */
export function transposedDense(m: Csr): Float32Array {
  const out = new Float32Array(m.rows * m.cols);
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.rowPtr[r]; k < m.rowPtr[r + 1]; k++) out[m.colIdx[k] * m.rows + r] = m.values[k];
  }
  return out;
}

/**
 * The nonzeros of Aᵀ (`cols×rows`) in row-major order: linear indices `c·rows + r`, ascending,
 * and their values.
 *
 * ```ts
 * const { index, values } = transposedEntries(block.matrix);
 * ```
 */
export function transposedEntries(m: Csr): { index: Float64Array; values: Float32Array } {
  const nnz = m.rowPtr[m.rows];
  const start = new Int32Array(m.cols + 1);
  for (let k = 0; k < nnz; k++) start[m.colIdx[k] + 1]++;
  for (let c = 0; c < m.cols; c++) start[c + 1] += start[c];
  const index = new Float64Array(nnz);
  const values = new Float32Array(nnz);
  const fill = start.slice(0, m.cols);
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.rowPtr[r]; k < m.rowPtr[r + 1]; k++) {
      const c = m.colIdx[k];
      const p = fill[c]++;
      index[p] = c * m.rows + r;
      values[p] = m.values[k];
    }
  }
  return { index, values };
}
