import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The layers of src/, lowest first. A file may import files of its own folder and of folders
 * with a LOWER rank, nothing else (siblings of equal rank may not import each other). Every
 * folder directly under src/ (and every file at src/'s root) must be listed: add yours here.
 */
export const LAYERS: Record<string, number> = {
  'errors.ts': 0,
  util: 1,
  core: 2, // TF-free vocabulary: imports only errors + util
  format: 3, // model files (TF-free; the runtime reads them)
  data: 4,
  topology: 5,
  runtime: 6, // the TF-free sparse executor, the ./runtime entry
  run: 6, // the one owner of a run directory (TF-free): files, lock, recorder, readRun
  train: 7,
  export: 8,
  lifelong: 9, // continual learning on one URN (trains, exports)
  sweep: 10, // trials: local and BullMQ executors, aggregation (trials train in child processes)
  report: 11,
  cli: 12,
  'index.ts': 13,
};

/** Folders whose whole import closure must stay free of TensorFlow.js. */
export const TF_FREE = ['core', 'runtime'];

/** One source file: its path relative to src/ and what it imports (relative specifiers resolved to src/-relative paths, packages as written). */
export interface SourceFile {
  path: string;
  local: string[];
  packages: string[];
}

/** Every .ts file under `srcDir` with its imports (static, type-only, re-exports and dynamic). */
export function readSources(srcDir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(parse(srcDir, full));
    }
  };
  walk(srcDir);
  return out;
}

function parse(srcDir: string, full: string): SourceFile {
  const info = ts.preProcessFile(readFileSync(full, 'utf8'), true, true);
  const local: string[] = [];
  const packages: string[] = [];
  for (const { fileName } of info.importedFiles) {
    if (fileName.startsWith('.')) local.push(relative(srcDir, resolve(dirname(full), fileName.replace(/\.js$/, '.ts'))));
    else packages.push(fileName);
  }
  return { path: relative(srcDir, full), local, packages };
}

/** The folder (or root file) of a src/-relative path: its first segment. */
export const layerOf = (path: string): string => path.split('/')[0];

/** Import cycles between files (strongly connected components of more than one file, or a file importing itself). */
export function importCycles(files: SourceFile[]): string[][] {
  const index = new Map(files.map((f, i) => [f.path, i]));
  const adj = files.map((f) => f.local.map((p) => index.get(p)).filter((i): i is number => i !== undefined));
  const order = new Int32Array(files.length).fill(-1);
  const low = new Int32Array(files.length);
  const onStack = new Uint8Array(files.length);
  const stack: number[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (v: number): void => {
    order[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    for (const w of adj[v]) {
      if (order[w] < 0) {
        visit(w);
        low[v] = Math.min(low[v], low[w]);
      } else if (onStack[w]) low[v] = Math.min(low[v], order[w]);
    }
    if (low[v] !== order[v]) return;
    const scc: string[] = [];
    let w: number;
    do {
      w = stack.pop()!;
      onStack[w] = 0;
      scc.push(files[w].path);
    } while (w !== v);
    if (scc.length > 1 || adj[v].includes(v)) cycles.push(scc.sort());
  };
  for (let v = 0; v < files.length; v++) if (order[v] < 0) visit(v);
  return cycles;
}

/** Imports that go up or sideways between layers, and files in folders the table does not list. */
export function layerViolations(files: SourceFile[], layers: Record<string, number> = LAYERS): string[] {
  const problems: string[] = [];
  for (const f of files) {
    const from = layerOf(f.path);
    if (!(from in layers)) {
      problems.push(`${f.path}: src/${from} is not in the layer table of test/architecture/import-graph.ts; add it.`);
      continue;
    }
    for (const target of f.local) {
      const to = layerOf(target);
      if (to === from) continue;
      if (!(to in layers) || layers[to] >= layers[from]) problems.push(`${f.path} imports ${target}: ${from} may not import ${to}.`);
    }
  }
  return problems;
}

/** Files of the TF-free folders whose import closure reaches a @tensorflow package, with the path that does. */
export function tensorflowLeaks(files: SourceFile[], tfFree: string[] = TF_FREE): string[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const leaks: string[] = [];
  for (const start of files.filter((f) => tfFree.includes(layerOf(f.path)))) {
    const via = new Map<string, string | null>([[start.path, null]]);
    const queue = [start.path];
    while (queue.length) {
      const f = byPath.get(queue.shift()!);
      if (!f) continue;
      const tf = f.packages.find((p) => p.startsWith('@tensorflow/'));
      if (tf) {
        const chain = [f.path];
        for (let p = via.get(f.path); p; p = via.get(p)) chain.unshift(p);
        leaks.push(`${chain.join(' → ')} → ${tf}`);
        break;
      }
      for (const t of f.local) if (!via.has(t)) (via.set(t, f.path), queue.push(t));
    }
  }
  return leaks;
}
