import { ACTIVATIONS, READOUTS, UPDATE_RULES, configProblem, type UrnConfig, type GridGeometry } from '../core/config.js';
import { MAX_ITERATIONS, MAX_NEURONS } from './layout.js';
import { field, finite, int, list, oneOf, record, type Fail } from './schema.js';

const CONFIG_KEYS = ['S', 'I', 'dIn', 'dOut', 'rule', 'activation', 'readout', 'seed', 'geometry'] as const;

/**
 * Check a URN config as stored in a model file and return a fresh copy with exactly its fields:
 * the file's shape and bounds here, what a valid config is in core's `configProblem`.
 *
 * ```ts
 * const cfg = readConfig(manifest.config, failer('model file'));
 * ```
 */
export function readConfig(v: unknown, fail: Fail): UrnConfig {
  const o = record(v, 'config', CONFIG_KEYS, fail);
  const S = int(field(o, 'S'), 'config.S', 1, MAX_NEURONS, fail);
  const I = int(field(o, 'I'), 'config.I', 1, MAX_ITERATIONS, fail);
  const dIn = int(field(o, 'dIn'), 'config.dIn', 1, S, fail);
  const dOut = int(field(o, 'dOut'), 'config.dOut', 1, S, fail);
  const rule = oneOf(field(o, 'rule'), 'config.rule', UPDATE_RULES, fail);
  const activation = oneOf(field(o, 'activation'), 'config.activation', ACTIVATIONS, fail);
  const seed = int(field(o, 'seed'), 'config.seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, fail);
  const cfg: UrnConfig = { S, I, dIn, dOut, rule, activation, seed };
  const readout = field(o, 'readout');
  if (readout !== undefined) cfg.readout = oneOf(readout, 'config.readout', READOUTS, fail);
  const g = field(o, 'geometry');
  if (g !== undefined) cfg.geometry = readGeometry(g, fail);
  const why = configProblem(cfg);
  if (why) fail(`config: ${why}`);
  return cfg;
}

function readGeometry(v: unknown, fail: Fail): GridGeometry {
  const o = record(v, 'config.geometry', ['grid', 'beta', 'gamma', 'cells'], fail);
  const grid = list(field(o, 'grid'), 'config.geometry.grid', 3, fail);
  if (grid.length !== 3) fail('config.geometry.grid must hold three integers.');
  const X = int(grid[0], 'grid X', 1, MAX_NEURONS, fail);
  const Y = int(grid[1], 'grid Y', 1, MAX_NEURONS, fail);
  const Z = int(grid[2], 'grid Z', 2, MAX_NEURONS, fail);
  const rawCells = field(o, 'cells');
  const cells = rawCells === undefined ? undefined : Array.from(list(rawCells, 'config.geometry.cells', MAX_NEURONS, fail) as number[]);
  const beta = finite(field(o, 'beta'), 'config.geometry.beta', fail, Number.MIN_VALUE);
  const gamma = finite(field(o, 'gamma'), 'config.geometry.gamma', fail, 0);
  return { grid: [X, Y, Z], beta, gamma, ...(cells ? { cells } : {}) };
}
