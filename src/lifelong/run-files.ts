import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { atomicWriteFileSync } from '../util/atomic-write.js';
import { writeModel } from '../format/file.js';
import type { SparseModel } from '../core/sparse-model.js';
import type { UrnConfig } from '../core/config.js';
import type { HeadLayout, TaskRecord } from './types.js';

/** Files of a lifelong run directory. */
export const LIFELONG_FILES = { timeline: 'lifelong.json', task: (t: number) => `task-${t}.urn` } as const;

/** What `lifelong.json` holds: the layout and one record per task learned so far. */
export interface LifelongTimelineFile {
  version: 1;
  mode: 'clnp' | 'fine-tune';
  config: UrnConfig;
  layout: HeadLayout;
  tasks: string[];
  timeline: TaskRecord[];
}

/**
 * Write `lifelong.json` (atomically, so a reader never sees half a file).
 *
 * ```ts
 * writeLifelongTimeline('runs/nesa', { version: 1, mode: 'clnp', config, layout, tasks, timeline });
 * ```
 */
export function writeLifelongTimeline(dir: string, f: LifelongTimelineFile): void {
  mkdirSync(dir, { recursive: true });
  atomicWriteFileSync(join(dir, LIFELONG_FILES.timeline), `${JSON.stringify(f, null, 2)}\n`);
}

/**
 * Write task t's certified sub-network as `task-<t>.urn` (the model format `urn predict` and
 * `urn verify` read); returns the path.
 *
 * ```ts
 * writeTaskModel('runs/nesa', 0, sub.model!);
 * ```
 */
export function writeTaskModel(dir: string, t: number, model: SparseModel): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LIFELONG_FILES.task(t));
  writeModel(path, model);
  return path;
}
