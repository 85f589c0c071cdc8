import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayerBlock, SparseModel } from '../core/sparse-model.js';
import { toLayered } from './layered.js';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import { ModelFormatError, prefix } from '../errors.js';
import { partialPhi, stages, transposedDense, type Stage } from './stages.js';

/** File names of a tfjs export folder. */
export const TFJS_FILES = { model: 'model.json', weights: 'weights.bin' } as const;

/** A tfjs graph model: the model.json object and its one weights file. */
export interface TfjsGraphModel {
  modelJson: { format: 'graph-model'; generatedBy: string; convertedBy: string; modelTopology: object; weightsManifest: object[]; signature: object; userDefinedMetadata: object };
  weightData: Uint8Array;
}

const F = { type: 'DT_FLOAT' };
const shape = (dims: number[]) => ({ dim: dims.map((d) => ({ size: String(d) })) });

/** GraphDef nodes and the weights of their Const nodes, in the order of the weights file. */
class GraphDef {
  node: object[] = [];
  weights: { name: string; shape: number[]; dtype: 'float32' }[] = [];
  data: Float32Array[] = [];
  private count = 0;
  op(op: string, input: string[], attr: object = {}, name = `${op.toLowerCase()}_${this.count++}`): string {
    this.node.push({ name, op, input, attr: { T: F, ...attr } });
    return name;
  }
  constant(dims: number[], values: Float32Array): string {
    const name = `const_${this.count++}`;
    this.node.push({ name, op: 'Const', attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: shape(dims) } }, dtype: F } });
    this.weights.push({ name, shape: dims, dtype: 'float32' });
    this.data.push(values);
    return name;
  }
  matmul(v: string, blk: LayerBlock): string {
    const w = this.constant([blk.matrix.cols, blk.matrix.rows], transposedDense(blk.matrix));
    return this.op('MatMul', [v, w], { transpose_a: { b: false }, transpose_b: { b: false } });
  }
}

/** A stage's φ: Relu or Tanh, or (a linear read-out's outputs among the units) `partialPhi`'s Maximum or masked Tanh. */
function activate(g: GraphDef, st: Stage, v: string): string {
  const part = partialPhi(st);
  if (!part) return g.op(st.activation === 'relu' ? 'Relu' : 'Tanh', [v]);
  const c = g.constant([st.units], part.values);
  if (part.op === 'max') return g.op('Maximum', [v, c]);
  const step = g.op('Sub', [g.op('Tanh', [v]), v]);
  return g.op('AddV2', [v, g.op('Mul', [step, c])]);
}

/**
 * The layered form of a sparse model as a tfjs graph model (what `tf.loadGraphModel` runs): per
 * layer MatMul + AddV2 over the compacted dense blocks, Relu or Tanh (Maximum, or a masked Tanh, for a
 * linear read-out's outputs), then the persisting
 * residual values and folded offsets; input `x` (`batch×dIn`), output `logits` (`batch×dOut`).
 * The certificate and config are in `userDefinedMetadata`.
 *
 * ```ts
 * const { modelJson, weightData } = toTfjsGraphModel(model);
 * const { weights } = modelJson.weightsManifest[0] as { weights: tf.io.WeightsManifestEntry[] };
 * const gm = await tf.loadGraphModel(tf.io.fromMemory({ ...modelJson, weightSpecs: weights, weightData }));
 * ```
 */
export function toTfjsGraphModel(model: SparseModel): TfjsGraphModel {
  const lm = model.form === 'layered' ? model : toLayered(model);
  const { dIn, dOut } = lm.config;
  const g = new GraphDef();
  g.node.push({ name: 'x', op: 'Placeholder', attr: { dtype: F, shape: { shape: shape([-1, dIn]) } } });
  const values = ['x'];
  const plan = stages(lm);
  plan.forEach((st, k) => {
    const last = k === plan.length - 1;
    if (st.units === 0 && !last) return void values.push('');
    let v = st.pre.map((blk) => g.matmul(values[blk.from], blk)).reduce((a, b) => g.op('AddV2', [a, b]));
    v = g.op('AddV2', [v, g.constant([st.units], st.bias)]);
    if (st.activation) v = activate(g, st, v);
    for (const blk of st.skip) v = g.op('AddV2', [v, g.matmul(values[blk.from], blk)]);
    if (st.offset.some((c) => c !== 0)) v = g.op('AddV2', [v, g.constant([st.units], st.offset)]);
    values.push(last ? g.op('Identity', [v], {}, 'logits') : v);
  });
  const bytes = g.data.reduce((s, a) => s + a.byteLength, 0);
  const weightData = new Uint8Array(bytes);
  const view = new DataView(weightData.buffer);
  let off = 0;
  for (const a of g.data) for (let i = 0; i < a.length; i++, off += 4) view.setFloat32(off, a[i], true);
  const io = (name: string, d: number) => ({ name: `${name}:0`, dtype: 'DT_FLOAT', tensorShape: shape([-1, d]) });
  return {
    modelJson: {
      format: 'graph-model',
      generatedBy: 'urn-engine',
      convertedBy: 'urn-engine',
      modelTopology: { node: g.node, library: {}, versions: {} },
      weightsManifest: [{ paths: [TFJS_FILES.weights], weights: g.weights }],
      signature: { inputs: { x: io('x', dIn) }, outputs: { logits: io('logits', dOut) } },
      userDefinedMetadata: { form: 'layered', threshold: lm.threshold, config: lm.config, certificate: model.certificate ?? lm.certificate ?? null },
    },
    weightData,
  };
}

/**
 * Write a tfjs graph model folder (model.json + weights.bin), each file atomically; returns the
 * paths written.
 *
 * ```ts
 * writeTfjs('model-tfjs', model); // then tf.loadGraphModel('file://model-tfjs/model.json') with tfjs-node
 * ```
 */
export function writeTfjs(dir: string, model: SparseModel): string[] {
  const { modelJson, weightData } = toTfjsGraphModel(model);
  mkdirSync(dir, { recursive: true });
  const paths = [join(dir, TFJS_FILES.weights), join(dir, TFJS_FILES.model)];
  atomicWriteFileSync(paths[0], weightData);
  atomicWriteFileSync(paths[1], JSON.stringify(modelJson));
  return paths;
}

/**
 * Read a tfjs graph model folder back as model artifacts for `tf.io.fromMemory`, without the
 * file:// handler of tfjs-node.
 *
 * ```ts
 * const gm = await tf.loadGraphModel(tf.io.fromMemory(readTfjs('model-tfjs')));
 * ```
 */
export function readTfjs(dir: string): { modelTopology: object; weightSpecs: object[]; weightData: ArrayBuffer; format: string; userDefinedMetadata: object } {
  const json = JSON.parse(readFileSync(join(dir, TFJS_FILES.model), 'utf8'));
  const manifest = json.weightsManifest?.[0];
  if (json.format !== 'graph-model' || !manifest) throw new ModelFormatError(prefix('readTfjs')(`${dir} holds no graph model written by writeTfjs. Export it again.`));
  const bin = readFileSync(join(dir, manifest.paths[0]));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return { modelTopology: json.modelTopology, weightSpecs: manifest.weights, weightData, format: json.format, userDefinedMetadata: json.userDefinedMetadata };
}
