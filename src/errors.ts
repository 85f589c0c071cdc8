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

/** Build a `where: ` prefix from a constant so that messages never drift. */
export function prefix(where: string): (msg: string) => string {
  return (msg) => `${where}: ${msg}`;
}
