/**
 * The calling thread's side of one `createPool` worker (src/runtime/pool-worker.ts is the other):
 * start it, post it a share of a batch, take the share back or wait for it. Control words as
 * pool-worker.ts describes them.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SparseModel } from '../core/sparse-model.js';
import type { PoolMessage } from './pool-protocol.js';

/** One worker, as the pool holds it. */
export interface Handle {
  worker: Worker;
  port: MessagePort;
  ctrl: Int32Array;
  sent: Set<number>;
  data: Float32Array;
  requests: number;
  /** Why the worker stopped, once it has (an error in it, or an exit the pool did not ask for). */
  failure?: string;
}

/**
 * The caller's command-line options that a worker started from a file may take: workers inherit
 * them by default, and Node.js refuses `--input-type` there (the worker then dies at once).
 *
 * ```ts
 * workerExecArgv(['--input-type=module', '--no-warnings']); // ['--no-warnings']
 * ```
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  return execArgv.filter((a, i) => !a.startsWith('--input-type') && !(i > 0 && execArgv[i - 1] === '--input-type'));
}

const ids = new WeakMap<SparseModel, number>();
let nextId = 0;

/** A worker on this module's sibling pool-worker file; from the TypeScript source (under tsx), tsx is registered in it first. */
export function spawn(spin: number): Handle {
  const ctrl = new Int32Array(new SharedArrayBuffer(16));
  const { port1, port2 } = new MessageChannel();
  const ext = extname(fileURLToPath(import.meta.url));
  const file = new URL(`./pool-worker${ext}`, import.meta.url);
  const options = { workerData: { ctrl: ctrl.buffer, port: port2, spin }, transferList: [port2], execArgv: workerExecArgv(process.execArgv) };
  const worker = ext === '.ts'
    ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => (m.register(), import(${JSON.stringify(file.href)})))`, { ...options, eval: true })
    : new Worker(file, options);
  worker.unref();
  const h: Handle = { worker, port: port1, ctrl, sent: new Set(), data: new Float32Array(0), requests: 0 };
  // Handled, so that a failing worker does not end the process: the pool reports it on its next call.
  worker.on('error', (e) => (h.failure ??= String((e as Error)?.message ?? e)));
  worker.on('exit', (code) => (h.failure ??= `it exited with code ${code}`));
  return h;
}

/**
 * Post samples `s0 .. s0+n` of x to a worker as a new request, open for it to claim, and wake it:
 * a batch in a SharedArrayBuffer is read there by the worker, any other is first copied into the
 * worker's shared buffer.
 */
export function post(h: Handle, model: SparseModel, x: Float32Array, s0: number, n: number): void {
  const { dIn, dOut } = model.config;
  let id = ids.get(model);
  if (id === undefined) ids.set(model, (id = nextId++));
  const send = (msg: PoolMessage) => h.port.postMessage(msg);
  if (!h.sent.has(id)) (send({ kind: 'model', id, model }), h.sent.add(id));
  if (h.data.length < n * (dIn + dOut)) {
    h.data = new Float32Array(new SharedArrayBuffer(4 * n * (dIn + dOut)));
    send({ kind: 'data', data: h.data.buffer as SharedArrayBuffer });
  }
  const shared = x.buffer instanceof SharedArrayBuffer;
  if (!shared) h.data.set(x.subarray(s0 * dIn, (s0 + n) * dIn));
  const request = ++h.requests;
  Atomics.store(h.ctrl, 3, request);
  send({ kind: 'run', request, id, n, ...(shared && { input: { buffer: x.buffer, byteOffset: x.byteOffset + 4 * s0 * dIn } }) });
  Atomics.store(h.ctrl, 0, request);
  Atomics.notify(h.ctrl, 0);
}

/**
 * The worker's share back: false when the worker had not claimed it yet (then the pool takes it
 * back, to run it itself: a worker still starting, or not scheduled, never stalls the caller),
 * else, once the worker is done (polled for `spin` ms, then waited for), its status.
 */
export function join(h: Handle, spin: number): number | false {
  if (Atomics.compareExchange(h.ctrl, 3, h.requests, 0) === h.requests) return false;
  for (const t0 = performance.now(); Atomics.load(h.ctrl, 1) !== h.requests && performance.now() - t0 < spin; );
  for (let done = Atomics.load(h.ctrl, 1); done !== h.requests; done = Atomics.load(h.ctrl, 1)) Atomics.wait(h.ctrl, 1, done);
  return Atomics.load(h.ctrl, 2);
}
