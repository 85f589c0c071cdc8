import type { Command } from 'commander';
import { ConfigError, prefix } from '../../errors.js';
import { readModel } from '../../format/file.js';
import { verify } from '../../export/verify.js';
import { loadRun } from '../load-run.js';
import { certificateLines } from './export.js';

const where = prefix('verify');

/** Register `urn verify`. */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description("Re-check a model file against a dense checkpoint on the run's held-out data.")
    .argument('<model>', 'model file written by urn export')
    .requiredOption('--against <checkpoint>', 'run directory or checkpoint file of the dense URN')
    .option('--json', 'print the new certificate as JSON')
    .action(async (path: string, o: { against: string; json?: boolean }) => {
      const model = readModel(path);
      const { snapshot, data } = await loadRun(o.against, { activity: false, data: true });
      if (!data) throw new ConfigError(where(`${o.against} does not say which data it was trained on.`));
      const cert = verify(model, snapshot, { x: data.test.x, n: data.test.n, y: data.test.y }, { synthetic: 1000 });
      if (o.json) process.stdout.write(`${JSON.stringify({ certificate: cert, stored: model.certificate ?? null })}\n`);
      else process.stdout.write(`${certificateLines(cert).join('\n')}\n`);
    });
}
