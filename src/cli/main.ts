#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { describeError, exitCodeHelp, usageLine } from './exit-codes.js';
import { registerTrain } from './commands/train.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerTimeline } from './commands/timeline.js';
import { registerExport } from './commands/export.js';
import { registerVerify } from './commands/verify.js';
import { registerPredict } from './commands/predict.js';
import { registerReport } from './commands/report.js';
import { registerDemo } from './commands/demo.js';
import { registerLifelong } from './commands/lifelong.js';
import { registerIsotropic } from './commands/isotropic.js';
import { registerSweep } from './commands/sweep.js';

/** The version in package.json (two folders up from src/cli and from dist/cli). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/**
 * The `urn` command line: a thin layer over the public API.
 */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('urn')
    .description('Unstructured Recursive Networks: train, watch the structure emerge, analyse and export it.')
    .version(packageVersion(), '-V, --version', 'print the version of urn-engine')
    .exitOverride()
    .addHelpText('after', exitCodeHelp());
  registerTrain(program);
  registerAnalyze(program);
  registerTimeline(program);
  registerExport(program);
  registerVerify(program);
  registerPredict(program);
  registerReport(program);
  registerDemo(program);
  registerLifelong(program);
  registerIsotropic(program);
  registerSweep(program);
  oneLineUsageErrors(program, 'urn');
  return program;
}

/** Usage errors of `cmd` and its subcommands as one line each (`usageLine`), not commander's error and help. */
function oneLineUsageErrors(cmd: Command, path: string): void {
  cmd.configureOutput({ outputError: (message, write) => write(usageLine(message, path)) });
  for (const sub of cmd.commands) oneLineUsageErrors(sub, `${path} ${sub.name()}`);
}

/** Print one line for an error and exit with its code (see `EXIT_CODES`); never a stack trace. */
function fail(e: unknown): never {
  const { code, line } = describeError(e);
  process.stderr.write(line);
  if (process.env.URN_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  // Registered before tfjs-wasm's own handler (which rethrows and exits with code 7), so ours runs first.
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (e) {
    fail(e);
  }
}

await main();
