import type { LayerBlock, SparseModel } from '../core/sparse-model.js';
import { toLayered } from './layered.js';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import { encodeOnnxModel, ONNX_FLOAT, ONNX_INT64 } from './onnx-proto.js';
import { partialPhi, stages, transposedDense, transposedEntries, type Stage } from './stages.js';

/** ONNX opset and IR version the writer targets (IR 8 is the IR of opset 17). */
export const ONNX_OPSET = 17;
export const ONNX_IR_VERSION = 8;

type Obj = Record<string, unknown>;

function floatBytes(a: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 * a.length);
  const v = new DataView(out.buffer);
  for (let k = 0; k < a.length; k++) v.setFloat32(4 * k, a[k], true);
  return out;
}

function int64Bytes(a: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(8 * a.length);
  const v = new DataView(out.buffer);
  for (let k = 0; k < a.length; k++) v.setBigInt64(8 * k, BigInt(a[k]), true);
  return out;
}

const floatTensor = (name: string, dims: number[], data: ArrayLike<number>): Obj => ({ name, dims, data_type: ONNX_FLOAT, raw_data: floatBytes(data) });

const valueInfo = (name: string, width: number): Obj => ({
  name,
  type: { tensor_type: { elem_type: ONNX_FLOAT, shape: { dim: [{ dim_param: 'batch' }, { dim_value: width }] } } },
});

/** Graph under construction: nodes, dense and sparse initializers, fresh names. */
class GraphBuilder {
  nodes: Obj[] = [];
  initializer: Obj[] = [];
  sparse: Obj[] = [];
  private count = 0;
  name(base: string): string {
    return `${base}_${this.count++}`;
  }
  node(op: string, inputs: string[], output = this.name(op.toLowerCase())): string {
    this.nodes.push({ op_type: op, input: inputs, output: [output], name: output });
    return output;
  }
  /** Aᵀ of a block as an initializer: dense, or a sparse_initializer where that is smaller. */
  weight(block: LayerBlock): string {
    const m = block.matrix;
    const name = this.name('w');
    const dims = [m.cols, m.rows];
    const nnz = m.rowPtr[m.rows];
    if (nnz > 0 && 12 * nnz < 4 * m.rows * m.cols) {
      const { index, values } = transposedEntries(m);
      const indices = { name: `${name}_indices`, dims: [nnz], data_type: ONNX_INT64, raw_data: int64Bytes(index) };
      this.sparse.push({ values: floatTensor(name, [nnz], values), indices, dims });
    } else this.initializer.push(floatTensor(name, dims, transposedDense(m)));
    return name;
  }
  constant(values: Float32Array): string {
    const name = this.name('c');
    this.initializer.push(floatTensor(name, [values.length], values));
    return name;
  }
}

/** Σ over blocks of v_from · Aᵀ, added onto `acc` (Gemm with `bias` for the first when acc is null). */
function linear(g: GraphBuilder, blocks: LayerBlock[], values: string[], acc: string | null, bias: Float32Array | null): string | null {
  for (const blk of blocks) {
    if (acc === null && bias) acc = g.node('Gemm', [values[blk.from], g.weight(blk), g.constant(bias)]);
    else {
      const mm = g.node('MatMul', [values[blk.from], g.weight(blk)]);
      acc = acc === null ? mm : g.node('Add', [acc, mm]);
    }
  }
  return acc;
}

/** A stage's φ: Relu or Tanh, or (a linear read-out's outputs among the units) `partialPhi`'s Max or masked Tanh. */
function activate(g: GraphBuilder, st: Stage, v: string): string {
  const part = partialPhi(st);
  if (!part) return g.node(st.activation === 'relu' ? 'Relu' : 'Tanh', [v]);
  if (part.op === 'max') return g.node('Max', [v, g.constant(part.values)]);
  const step = g.node('Sub', [g.node('Tanh', [v]), v]);
  return g.node('Add', [v, g.node('Mul', [step, g.constant(part.values)])]);
}

/**
 * The layered form of a sparse model as an ONNX model (opset 17): per layer a Gemm (first source
 * layer, with the bias), MatMul + Add (further source layers), Relu or Tanh (Max, or a masked Tanh, when
 * a linear read-out's outputs are among the units), then MatMul + Add for
 * the values that persist under the residual rules and Add for folded offsets; the read-out
 * selects the output units. Each matrix is a dense initializer, or a `sparse_initializer` where
 * that is smaller. Input `x` is `batch×dIn`, output `logits` is `batch×dOut`. The certificate,
 * config and threshold go into `metadata_props` as JSON (`urn.certificate`, `urn.config`,
 * `urn.threshold`, `urn.form`).
 *
 * ```ts
 * writeFileSync('model.onnx', toOnnx(toLayered(toReplay(snapshot, 1e-3))));
 * ```
 */
export function toOnnx(model: SparseModel): Uint8Array {
  const lm = model.form === 'layered' ? model : toLayered(model);
  const { dIn, dOut } = lm.config;
  const g = new GraphBuilder();
  const values = ['x'];
  const plan = stages(lm);
  plan.forEach((st, k) => {
    const last = k === plan.length - 1;
    if (st.units === 0 && !last) {
      values.push('');
      return;
    }
    let v = linear(g, st.pre, values, null, st.bias)!;
    if (st.activation) v = activate(g, st, v);
    v = linear(g, st.skip, values, v, null)!;
    if (st.offset.some((c) => c !== 0)) v = g.node('Add', [v, g.constant(st.offset)]);
    values.push(last ? g.node('Identity', [v], 'logits') : v);
  });
  const metadata: Obj[] = [
    { key: 'urn.form', value: 'layered' },
    { key: 'urn.threshold', value: String(lm.threshold) },
    { key: 'urn.config', value: JSON.stringify(lm.config) },
  ];
  const cert = model.certificate ?? lm.certificate;
  if (cert) metadata.push({ key: 'urn.certificate', value: JSON.stringify(cert) });
  return encodeOnnxModel({
    ir_version: ONNX_IR_VERSION,
    opset_import: [{ domain: '', version: ONNX_OPSET }],
    producer_name: 'urn-engine',
    doc_string: 'The emergent network of an Unstructured Recursive Network, layered and verified (urn.certificate).',
    graph: {
      name: 'urn_layered',
      node: g.nodes,
      initializer: g.initializer,
      sparse_initializer: g.sparse,
      input: [valueInfo('x', dIn)],
      output: [valueInfo('logits', dOut)],
    },
    metadata_props: metadata,
  });
}

/**
 * Write `toOnnx(model)` to a file atomically; returns its size in bytes.
 *
 * ```ts
 * writeOnnx('model.onnx', model);
 * ```
 */
export function writeOnnx(path: string, model: SparseModel): number {
  const bytes = toOnnx(model);
  atomicWriteFileSync(path, bytes);
  return bytes.length;
}
