import type { Command } from 'commander';
import { loadConfig } from '../../config/config';
import { isAppError } from '../../errors/app-errors';
import { createPdfRenderer } from '../../output/pdf';
import { NODE_ENGINES, nodeVersionProblem } from '../node-version';

/** `sitrep doctor`: what this machine gives Sitrep (Node, the browser PDFs will use), without changing anything. */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('Report the Node.js version and which Chromium PDFs will use (nothing is started or unpacked).')
    .action(() => {
      const config = loadConfig();
      const lines: string[] = [];
      let ok = true;
      const node = nodeVersionProblem();
      lines.push(
        `Node.js: ${process.versions.node} (${node === null ? 'supported' : 'NOT supported'}; supported: ${NODE_ENGINES})`,
      );
      if (node !== null) ok = false;
      try {
        const plan = createPdfRenderer(config).plan();
        lines.push(`PDFs: ${plan.location.description}${plan.ready ? '' : ' (unpacked on the first PDF)'}`);
      } catch (error) {
        if (!isAppError(error)) throw error;
        lines.push(`PDFs: ${error.detail ?? error.message}`);
        ok = false;
      }
      process.stdout.write(`${lines.join('\n')}\n`);
      if (!ok) process.exitCode = 1;
    });
}
