#!/usr/bin/env node
import { Command } from 'commander';
import { UrnError } from '../errors.js';
import { registerTrain } from './commands/train.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerTimeline } from './commands/timeline.js';
import { registerExport } from './commands/export.js';
import { registerVerify } from './commands/verify.js';
import { registerPredict } from './commands/predict.js';
import { registerReport } from './commands/report.js';
import { registerDemo } from './commands/demo.js';
import { registerLifelong } from './commands/lifelong.js';

/**
 * The `urn` command line: a thin layer over the public API.
 */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('urn')
    .description('Unstructured Recursive Networks: train, watch the structure emerge, analyse and export it.')
    .showHelpAfterError();
  registerTrain(program);
  registerAnalyze(program);
  registerTimeline(program);
  registerExport(program);
  registerVerify(program);
  registerPredict(program);
  registerReport(program);
  registerDemo(program);
  registerLifelong(program);
  return program;
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (e) {
    if (e instanceof UrnError) {
      process.stderr.write(`urn: ${e.name}: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

await main();
