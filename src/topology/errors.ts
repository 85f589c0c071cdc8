import { UrnError } from '../errors.js';

/**
 * A topology pass would have materialised more edges than its bound allows (a graphology graph
 * above `maxEdges`). Nothing was built; `edges` and `maxEdges` say by how much it missed.
 *
 * ```ts
 * try { compile(snap, { threshold: 0, maxEdges: 1e5 }); }
 * catch (e) { if (e instanceof GraphBoundError) console.log(e.edges, e.maxEdges); }
 * ```
 */
export class GraphBoundError extends UrnError {
  constructor(
    message: string,
    /** Edges the pass would have built. */
    readonly edges: number,
    /** The bound in force. */
    readonly maxEdges: number,
  ) {
    super(message);
  }
}
