import { CommanderError } from 'commander';
import {
  BackendError, ChecksumError, ConfigError, DataFormatError, FileSystemError, GraphBoundError, ModelFormatError, NonFiniteLossError,
  NonFiniteOutputError, ResourceError, RunDirError, ShapeError, UrnError, VerificationError,
} from '../errors.js';
import { fileSystemError, isSystemError } from '../util/fs-error.js';

/** Exit codes of `urn`, with the errors that give them (7 is left out: tfjs-wasm uses it). */
export const EXIT_CODES: readonly { code: number; meaning: string; errors: (abstract new (...a: never[]) => Error)[] }[] = [
  { code: 0, meaning: 'success', errors: [] },
  { code: 1, meaning: 'internal error (a bug: please report it)', errors: [] },
  { code: 2, meaning: 'usage: a bad flag or option', errors: [ConfigError] },
  { code: 3, meaning: 'bad input data', errors: [DataFormatError, ShapeError] },
  { code: 4, meaning: 'bad or corrupt model, checkpoint or timeline file', errors: [ChecksumError, ModelFormatError] },
  { code: 5, meaning: 'verification failed: the model misses its tolerance', errors: [VerificationError] },
  { code: 6, meaning: 'file system: missing or unwritable path, full or read-only disk', errors: [FileSystemError] },
  { code: 8, meaning: 'run directory in use or holding a run (see --resume, --force)', errors: [RunDirError] },
  { code: 9, meaning: 'resources: not enough memory, a size bound (--max-edges), or the backend is unavailable', errors: [ResourceError, GraphBoundError, BackendError] },
  { code: 10, meaning: 'numerics: training diverged or an output is not finite', errors: [NonFiniteLossError, NonFiniteOutputError] },
];

/**
 * The exit code and the one line to print for an error that reached the CLI.
 *
 * ```ts
 * const { code, line } = describeError(new Error('boom')); // code 1: an internal error
 * ```
 */
export function describeError(e: unknown): { code: number; line: string } {
  if (e instanceof CommanderError) return { code: e.exitCode === 0 ? 0 : 2, line: '' };
  const err = isSystemError(e) ? fileSystemError(e) : e;
  if (err instanceof UrnError) {
    const row = EXIT_CODES.find((r) => r.errors.some((C) => err instanceof C));
    return { code: row?.code ?? 1, line: `urn: ${err.name}: ${err.message.split('\n')[0]}\n` };
  }
  const msg = err instanceof Error ? `${err.name}: ${err.message.split('\n')[0]}` : String(err);
  return { code: 1, line: `urn: internal error: ${msg}. Please report it (set URN_DEBUG=1 for the stack).\n` };
}

/**
 * Commander's message for a usage error (an unknown option or command, a missing argument) as
 * one line: the error, its did-you-mean, and where the options are listed.
 *
 * ```ts
 * usageLine("error: unknown option '--bet'\n(Did you mean --beta?)\n", 'urn train');
 * // "urn: ConfigError: unknown option '--bet'. Did you mean --beta? See urn train --help.\n"
 * ```
 */
export function usageLine(message: string, command: string): string {
  const parts = message
    .trim()
    .replace(/^error: /, '')
    .split('\n')
    .map((l) => l.trim().replace(/^\((.*)\)$/, '$1'))
    .filter(Boolean)
    .map((l) => (/[.?!]$/.test(l) ? l : `${l}.`));
  return `urn: ConfigError: ${parts.join(' ')} See ${command} --help.\n`;
}

/**
 * The table of exit codes as help text.
 *
 * ```ts
 * const help: string = exitCodeHelp(); // ends with the table of codes
 * ```
 */
export function exitCodeHelp(): string {
  return `\nExit codes:\n${EXIT_CODES.map((r) => `  ${String(r.code).padStart(2)}  ${r.meaning}`).join('\n')}\n`;
}
