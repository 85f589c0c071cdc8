/**
 * The engine's error family. Every error the public API throws on bad input is a `UrnError`
 * subclass; tests and callers match on the class or on `name`, never on the message.
 *
 * Messages follow the form `where: what is wrong. What to do.`
 *
 * ```ts
 * try { resolveConfig({ S: 10, I: 2, dIn: 8, dOut: 4 }); }
 * catch (e) { if (e instanceof ConfigError) console.error(e.message); }
 * ```
 */
export class UrnError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A model, training or CLI option is invalid. */
export class ConfigError extends UrnError {}

/** A data file is truncated, corrupt or inconsistent with the model. */
export class DataFormatError extends UrnError {}

/** A model or checkpoint file is malformed, truncated, hostile or of an unsupported version. */
export class ModelFormatError extends UrnError {}

/** Two arrays or tensors that must agree in shape do not. */
export class ShapeError extends UrnError {}

/** Training diverged: the loss or a parameter became NaN or infinite. */
export class NonFiniteLossError extends UrnError {}

/** A requested backend is not installed or failed to initialise. */
export class BackendError extends UrnError {}

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

/** A sweep could not finish: a trial failed after its retries, or the queue is unreachable. */
export class SweepError extends UrnError {}

/** Build a `where: ` prefix from a constant so that messages never drift. */
export function prefix(where: string): (msg: string) => string {
  return (msg) => `${where}: ${msg}`;
}

/**
 * A function that throws `E` with a `where: ` prefix: `prefix` for code that reports many
 * problems of one kind (the file readers).
 *
 * ```ts
 * const fail = failWith(ModelFormatError, 'model file'); fail('S must be an integer.');
 * ```
 */
export function failWith(E: new (message: string) => UrnError, where: string): (msg: string) => never {
  const p = prefix(where);
  return (msg) => {
    throw new E(p(msg));
  };
}

/** A model produced a non-finite output (NaN or ±Infinity) for the given inputs. */
export class NonFiniteOutputError extends UrnError {}

/** A checkpoint or timeline file's stored checksum does not match its contents: it is corrupt. */
export class ChecksumError extends ModelFormatError {}

/** A model failed its verification: the certificate misses the stated tolerance or agreement. */
export class VerificationError extends UrnError {}

/** A path is missing, unreadable or unwritable, is a directory where a file is wanted, or the disk is full or read-only. */
export class FileSystemError extends UrnError {}

/** A run directory is in use by another process, or holds a run that would be overwritten. */
export class RunDirError extends UrnError {}

/** A job needs more memory than the limit allows (see the estimate in the message). */
export class ResourceError extends UrnError {}

/** A file of the wrong kind was given: a model file where a run or checkpoint is expected, or the reverse. */
export class FileKindError extends ModelFormatError {}
