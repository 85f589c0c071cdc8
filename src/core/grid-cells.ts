
/**
 * What is wrong with a compacted network's grid cells (`GridGeometry.cells`), or null: there
 * must be one per neuron, strictly ascending, within the grid's `cellCount`, the inputs in
 * cells 0..dIn-1 and the outputs in the grid's last dOut cells.
 *
 * ```ts
 * cellsProblem([0, 1, 5, 8], 9, { S: 4, dIn: 2, dOut: 1 }); // null
 * ```
 */
export function cellsProblem(cells: unknown, cellCount: number, cfg: { S: number; dIn: number; dOut: number }): string | null {
  if (!Array.isArray(cells)) return `must be a list of grid cells, got ${typeof cells}.`;
  if (cells.length !== cfg.S) return `lists ${cells.length} cells but S is ${cfg.S}: one cell per neuron.`;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] as unknown;
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c >= cellCount) {
      return `[${i}] = ${String(c)} is not a cell of the grid (0..${cellCount - 1}).`;
    }
    if (i > 0 && c <= (cells[i - 1] as number)) return `must be strictly ascending ([${i}] = ${c} follows ${String(cells[i - 1])}).`;
  }
  for (let i = 0; i < cfg.dIn; i++) if (cells[i] !== i) return `must start with the input cells 0..${cfg.dIn - 1}.`;
  for (let k = 1; k <= cfg.dOut; k++) {
    if (cells[cfg.S - k] !== cellCount - k) return `must end with the output cells ${cellCount - cfg.dOut}..${cellCount - 1}.`;
  }
  return null;
}
