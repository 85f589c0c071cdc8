import { InvalidArgumentError } from 'commander';
import type { ThresholdRule } from '../core/threshold.js';
import type { StructureThreshold } from '../export/fidelity.js';
import type { SilenceSpec } from '../export/analyze-run.js';

/** Commander parser for an integer flag. */
export function int(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`expected an integer, got '${v}'.`);
  return n;
}

/** Commander parser for a finite number flag. */
export function num(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got '${v}'.`);
  return n;
}

/** Commander parser for `X,Y,Z`. */
export function grid(v: string): [number, number, number] {
  const parts = v.split(/[,x×]/).map(Number);
  if (parts.length !== 3 || !parts.every((p) => Number.isInteger(p) && p > 0)) {
    throw new InvalidArgumentError(`expected X,Y,Z (three positive integers), got '${v}'.`);
  }
  return parts as [number, number, number];
}

/** Commander parser for `A,B`: two finite numbers. */
export function pair(v: string): [number, number] {
  const parts = v.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if (parts.length !== 2 || !parts.every(Number.isFinite)) throw new InvalidArgumentError(`expected A,B (two numbers), got '${v}'.`);
  return parts as [number, number];
}

/** Commander parser for a threshold: `0.01` (absolute), `rel:0.01` (× max|W|) or `q:0.99` (quantile of |W|). */
export function thresholdRule(v: string): ThresholdRule {
  const m = /^(rel|relative|q|quantile):(.+)$/.exec(v.trim());
  const x = Number(m ? m[2] : v);
  if (v.trim() === '' || !Number.isFinite(x) || x < 0) {
    throw new InvalidArgumentError(`expected 'verified', a number, rel:<r> or q:<q>, got '${v}'.`);
  }
  if (!m) return x;
  if (m[1].startsWith('q')) {
    if (x > 1) throw new InvalidArgumentError(`a quantile must be in [0, 1], got ${x}.`);
    return { quantile: x };
  }
  return { relative: x };
}

/** Commander parser for a structure threshold: `verified`, or a threshold rule (see `thresholdRule`). */
export function structureThreshold(v: string): StructureThreshold {
  return v.trim() === 'verified' ? 'verified' : thresholdRule(v);
}

/** Commander parser for `--silence`: hidden neuron ids (`24,25`) or `from-layer:<k>` (every hidden neuron at unrolled layer ≥ k). */
export function silenceSpec(v: string): SilenceSpec {
  const m = /^from-layer:(\d+)$/.exec(v.trim());
  if (m && Number(m[1]) >= 1) return { fromLayer: Number(m[1]) };
  const ids = v.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if (m || !ids.every((n) => Number.isInteger(n) && n >= 0)) {
    throw new InvalidArgumentError(`expected hidden neuron ids (e.g. 24,25) or from-layer:<k> with k ≥ 1, got '${v}'.`);
  }
  return ids;
}
