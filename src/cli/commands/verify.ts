import type { Command } from 'commander';
import { ConfigError, VerificationError, prefix } from '../../errors.js';
import { readModel } from '../../runtime/read-model.js';
import { verify } from '../../export/verify.js';
import { loadRun } from '../../train/load-run.js';
import { certificateLines, EXPORT_DEFAULTS } from './export.js';
import { num } from '../parse.js';
import { meetsRule } from '../../export/certify.js';

const where = prefix('verify');

/** Register `urn verify`. */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description("Re-check a model file against a dense checkpoint on the run's held-out data; exits non-zero when it fails.")
    .argument('<model>', 'model file written by urn export')
    .requiredOption('--against <checkpoint>', 'run directory or checkpoint file of the dense URN')
    .option('--tolerance <x>', 'max relative logit error allowed', num, EXPORT_DEFAULTS.tolerance)
    .option('--min-agreement <x>', 'min argmax agreement allowed', num, EXPORT_DEFAULTS.minAgreement)
    .option('--json', 'print { certificate, stored, pass } as JSON')
    .action(async (path: string, o: { against: string; tolerance: number; minAgreement: number; json?: boolean }) => {
      const model = readModel(path);
      const { snapshot, data } = await loadRun(o.against, { activity: false, data: true });
      if (!data) throw new ConfigError(where(`${o.against} does not say which data it was trained on.`));
      const cert = await verify(model, snapshot, { x: data.test.x, n: data.test.n, y: data.test.y }, { synthetic: EXPORT_DEFAULTS.synthetic });
      const pass = meetsRule(cert, { measure: 'relative', tolerance: o.tolerance, minAgreement: o.minAgreement });
      if (o.json) process.stdout.write(`${JSON.stringify({ certificate: cert, stored: model.certificate ?? null, pass })}\n`);
      else process.stdout.write(`${certificateLines(cert).join('\n')}\n`);
      if (!pass) {
        throw new VerificationError(
          where(
            `${path} fails: max relative logit error ${cert.maxRelError.toExponential(2)} (tolerance ${o.tolerance}), ` +
              `argmax agreement ${(100 * cert.argmaxAgreement).toFixed(2)}% (needed ${(100 * o.minAgreement).toFixed(2)}%). ` +
              'Re-export it from this run, or check that --against is the run it came from.',
          ),
        );
      }
    });
}
