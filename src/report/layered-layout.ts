import type { Edge } from './edges.js';

/** Position of every node of a layered layout: its column and its rank within the column. */
export interface LayeredLayout {
  /** Layer values in column order (ascending). */
  columns: number[];
  /** Node ids of each column, top to bottom. */
  members: number[][];
  /** node id → [column index, rank in column]. */
  place: Map<number, [number, number]>;
}

/**
 * Lay nodes out in columns by layer and order each column by the barycentre of its neighbours
 * (a few alternating down/up sweeps, Sugiyama style, no crossing minimisation beyond that).
 * Linear in nodes + edges per sweep; no recursion.
 *
 * ```ts
 * const lay = layeredLayout([0, 1, 2], [0, 1, 1], [{ source: 0, target: 1, weight: 1 }]);
 * lay.members; // [[0], [1, 2]]
 * ```
 */
export function layeredLayout(ids: ArrayLike<number>, layers: ArrayLike<number>, edges: Edge[], sweeps = 4): LayeredLayout {
  const columns = [...new Set(Array.from(layers))].sort((a, b) => a - b);
  const colOf = new Map(columns.map((l, c) => [l, c]));
  const members: number[][] = columns.map(() => []);
  for (let k = 0; k < ids.length; k++) members[colOf.get(layers[k])!].push(ids[k]);
  const place = new Map<number, [number, number]>();
  const reindex = () => members.forEach((m, c) => m.forEach((id, r) => place.set(id, [c, r])));
  reindex();
  const norm = (id: number) => {
    const [c, r] = place.get(id)!;
    return (r + 0.5) / members[c].length;
  };
  const inc = new Map<number, number[]>();
  const out = new Map<number, number[]>();
  for (const e of edges) {
    if (e.source === e.target) continue;
    (inc.get(e.target) ?? inc.set(e.target, []).get(e.target)!).push(e.source);
    (out.get(e.source) ?? out.set(e.source, []).get(e.source)!).push(e.target);
  }
  for (let s = 0; s < sweeps; s++) {
    const down = s % 2 === 0;
    const nbrs = down ? inc : out;
    const order = down ? members.map((_, c) => c) : members.map((_, c) => members.length - 1 - c);
    for (const c of order) {
      const key = new Map<number, number>();
      for (const id of members[c]) {
        const ns = nbrs.get(id);
        key.set(id, ns && ns.length ? ns.reduce((acc, j) => acc + norm(j), 0) / ns.length : norm(id));
      }
      members[c].sort((a, b) => key.get(a)! - key.get(b)! || a - b);
      members[c].forEach((id, r) => place.set(id, [c, r]));
    }
  }
  reindex();
  return { columns, members, place };
}
