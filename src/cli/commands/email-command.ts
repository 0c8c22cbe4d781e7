import type { Command } from 'commander';
import { DeliveryTransport } from '../../entities/delivery';
import { frontList } from '../../validation/front-list';
import { requireMigrated } from '../briefing-options';
import { withRuntime } from '../with-runtime';

interface EmailOptions {
  date: string;
  to: string[];
  fronts?: string;
  tz: string;
  attachPdf?: boolean;
  idempotencyKey?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `sitrep email`: the CLI twin of the `sendBriefing` mutation, through the same service and delivery record. */
export function registerEmailCommand(program: Command): void {
  program
    .command('email')
    .description(
      'Email the briefing of a date (SMTP_URL, or the outbox folder when it is not set) and record the delivery.',
    )
    .requiredOption('--date <YYYY-MM-DD>', 'the day of the briefing')
    .requiredOption('--to <address>', 'a recipient; repeat --to for more', collect, [])
    .option('--fronts <slugs>', 'comma-separated front slugs, e.g. gaza,iran (default: all fronts)')
    .option('--tz <zone>', 'IANA timezone the days and times are in', 'UTC')
    .option('--attach-pdf', 'attach the briefing as a PDF')
    .option('--idempotency-key <key>', 'a key that makes a repeated command send only once')
    .action(async (opts: EmailOptions) => {
      const fronts = frontList(opts.fronts);
      await withRuntime(async (runtime) => {
        await requireMigrated(runtime);
        const { services } = runtime;
        const delivery = await services.deliveries.send({
          date: opts.date,
          fronts,
          timezone: opts.tz,
          to: opts.to,
          attachPdf: opts.attachPdf === true,
          idempotencyKey: opts.idempotencyKey ?? null,
        });
        const where =
          delivery.transport === DeliveryTransport.OUTBOX ? 'written to the outbox folder' : 'sent over SMTP';
        process.stdout.write(
          `Delivery ${delivery.id}: ${delivery.status}, ${where} to ${delivery.recipients.join(', ')} (${delivery.messageId ?? 'no message id'}).\n`,
        );
        if (delivery.error !== null) process.stdout.write(`Note: ${delivery.error}\n`);
      });
    });
}
