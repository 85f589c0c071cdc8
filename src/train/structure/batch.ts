import { tf } from '../tf.js';
import type { UrnConfig } from '../../core/config.js';
import { taskKind, type Task } from '../../data/task.js';
import { sequenceOutputs, staticOutputs, taskLoss, type StructuredParams } from './forward.js';
import { readFloats } from '../read.js';

/** A batch as tensors: static inputs (B×dIn) or T embedded steps (each B×S), and the targets. */
export interface TaskBatch {
  x?: tf.Tensor2D;
  xs?: tf.Tensor2D[];
  /** One-hot classes or symbols, or regression targets; for sequences (T·B)×dOut, step-major. */
  y: tf.Tensor2D;
}

/**
 * Samples (or windows) in a task's split.
 *
 * ```ts
 * splitSize(makeBrackets({ nTrain: 50 }), 'train'); // 50
 * ```
 */
export const splitSize = (t: Task, split: 'train' | 'test'): number => t[split].n;

/**
 * Rows `idx` of a task's split as tensors. The caller disposes them (`disposeBatch`).
 *
 * ```ts
 * const batch = taskBatch(task, 'train', Int32Array.of(0, 5, 9), cfg);
 * ```
 */
export function taskBatch(t: Task, split: 'train' | 'test', idx: Int32Array, cfg: UrnConfig): TaskBatch {
  const B = idx.length;
  if ('kind' in t && t.kind === 'sequence') {
    const T = t.T;
    const K = t.symbols.length;
    const xs = new Float32Array(T * B * cfg.S);
    const y = new Float32Array(T * B * K);
    const w = t[split].x;
    for (let r = 0; r < B; r++) {
      const base = idx[r] * (T + 1);
      for (let s = 0; s < T; s++) {
        xs[(s * B + r) * cfg.S + w[base + s]] = 1;
        y[(s * B + r) * K + w[base + s + 1]] = 1;
      }
    }
    const x3 = tf.tensor3d(xs, [T, B, cfg.S]);
    const out = { xs: tf.unstack(x3) as tf.Tensor2D[], y: tf.tensor2d(y, [T * B, K]) };
    x3.dispose();
    return out;
  }
  const s = t[split];
  const d = t.dIn;
  const x = new Float32Array(B * d);
  for (let r = 0; r < B; r++) x.set(s.x.subarray(idx[r] * d, idx[r] * d + d), r * d);
  if ('kind' in t) {
    const y = new Float32Array(B * t.dOut);
    for (let r = 0; r < B; r++) y.set(t[split].y.subarray(idx[r] * t.dOut, idx[r] * t.dOut + t.dOut), r * t.dOut);
    return { x: tf.tensor2d(x, [B, d]), y: tf.tensor2d(y, [B, t.dOut]) };
  }
  const y = new Float32Array(B * t.nClasses);
  for (let r = 0; r < B; r++) y[r * t.nClasses + s.y[idx[r]]] = 1;
  return { x: tf.tensor2d(x, [B, d]), y: tf.tensor2d(y, [B, t.nClasses]) };
}

/**
 * Release a batch's tensors.
 *
 * ```ts
 * disposeBatch(taskBatch(task, 'train', Int32Array.of(0), cfg));
 * ```
 */
export function disposeBatch(b: TaskBatch): void {
  tf.dispose([b.y, ...(b.x ? [b.x] : []), ...(b.xs ?? [])]);
}

/**
 * The network's outputs on a batch (static: B×dOut; sequence: (T·B)×dOut).
 *
 * ```ts
 * const out = tf.tidy(() => batchOutputs(cfg, { W, b }, taskBatch(task, 'train', Int32Array.of(0, 1), cfg)));
 * ```
 */
export function batchOutputs(cfg: UrnConfig, p: StructuredParams, b: TaskBatch): tf.Tensor2D {
  return b.xs ? sequenceOutputs(cfg, p, b.xs) : staticOutputs(cfg, p, b.x!);
}

/** What `evaluateTask` measures: the task loss, and accuracy for classes and symbols (null for regression). */
export interface TaskScore {
  loss: number;
  accuracy: number | null;
}

/**
 * Score a network on a whole split: mean task loss (cross-entropy or MSE) and accuracy (for
 * sequences: of every next-symbol prediction). Leaks no tensors.
 *
 * ```ts
 * const { loss, accuracy } = await evaluateTask(task, 'test', cfg, { W, b });
 * ```
 */
export async function evaluateTask(t: Task, split: 'train' | 'test', cfg: UrnConfig, p: StructuredParams | (() => StructuredParams)): Promise<TaskScore> {
  const n = splitSize(t, split);
  const kind = taskKind(t);
  const batch = taskBatch(t, split, Int32Array.from({ length: n }, (_, i) => i), cfg);
  const both = tf.tidy(() => {
    const out = batchOutputs(cfg, typeof p === 'function' ? p() : p, batch);
    const l = taskLoss(kind, out, batch.y);
    const a = kind === 'regression' ? tf.scalar(-1) : tf.mean(tf.cast(tf.equal(tf.argMax(out, 1), tf.argMax(batch.y, 1)), 'float32'));
    return tf.stack([tf.reshape(l, []), tf.reshape(a, [])]);
  });
  disposeBatch(batch);
  const [loss, acc] = await readFloats(both).finally(() => both.dispose());
  return { loss, accuracy: kind === 'regression' ? null : acc };
}
