/**
 * A `createPool` worker: holds its own copy of each model (and so its own WebAssembly kernels),
 * sleeps in `Atomics.wait` until the pool posts a share of a batch, runs it with `predictForm` on
 * the batch in shared memory, and wakes the pool. Messages come through a MessagePort read
 * synchronously (`receiveMessageOnPort`), so the worker never returns to an event loop.
 *
 * Control words (Int32Array over `ctrl`): 0, the pool's last request; 1, the last request done
 * here; 2, its status (`STATUS`); 3, the claim on the last request: the request while open, its
 * negative once this worker took it, 0 once the pool took it back to run itself.
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { SparseModel } from '../core/sparse-model.js';
import { DataFormatError } from '../errors.js';
import { predictForm } from './predict.js';
import { STATUS, type PoolMessage } from './pool-protocol.js';

const { ctrl: ctrlBuffer, port, spin } = workerData as { ctrl: SharedArrayBuffer; port: MessagePort; spin: number };
const ctrl = new Int32Array(ctrlBuffer);
const models = new Map<number, SparseModel>();
let data: Float32Array = new Float32Array(0);

/** Run one share: inputs at `input` in the caller's shared memory or at the start of `data`, logits written in `data` after n inputs. */
function run(id: number, n: number, input?: { buffer: SharedArrayBuffer; byteOffset: number }): number {
  const model = models.get(id)!;
  const { dIn } = model.config;
  try {
    const x = input ? new Float32Array(input.buffer, input.byteOffset, n * dIn) : data.subarray(0, n * dIn);
    data.set(predictForm(model, x, n), n * dIn);
    return STATUS.ok;
  } catch (e) {
    if (e instanceof DataFormatError) return STATUS.nonFiniteInput;
    port.postMessage({ error: String((e as Error)?.stack ?? e) });
    return STATUS.error;
  }
}

let seen = 0;
for (let open = true; open; ) {
  // Poll for the next request for `spin` ms before sleeping (see PoolOptions.spin).
  for (const t0 = performance.now(); Atomics.load(ctrl, 0) === seen && performance.now() - t0 < spin; );
  Atomics.wait(ctrl, 0, seen);
  seen = Atomics.load(ctrl, 0);
  for (let r = receiveMessageOnPort(port); r; r = receiveMessageOnPort(port)) {
    const msg = r.message as PoolMessage;
    if (msg.kind === 'model') models.set(msg.id, msg.model);
    else if (msg.kind === 'data') data = new Float32Array(msg.data);
    else if (msg.kind === 'close') open = false;
    // A run not claimed here (the pool ran it itself, or it is stale) is skipped.
    else if (Atomics.compareExchange(ctrl, 3, msg.request, -msg.request) === msg.request) {
      Atomics.store(ctrl, 2, run(msg.id, msg.n, msg.input));
      Atomics.store(ctrl, 1, msg.request);
      Atomics.notify(ctrl, 1);
    }
  }
}
port.close();
