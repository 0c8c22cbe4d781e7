import { createHash, randomUUID } from 'node:crypto';
import type { Briefing } from '../briefings/briefing';
import type { Database } from '../db/database';
import type { DeliveryRows } from '../db/repositories/delivery-repository';
import { Delivery, DeliveryStatus, DeliveryTransport } from '../entities/delivery';
import { LIMITS } from '../entities/limits';
import { AppError, badInput, isAppError } from '../errors/app-errors';
import * as check from '../validation/checks';
import { decodeCursor, encodeCursor } from '../validation/page-cursor';
import { writeToOutbox } from './outbox';
import { checkRecipients } from './recipients';
import { isSmtpRefusal, SmtpSendError, sendOverSmtp } from './smtp-sender';

// Sending briefings by email, and the record of every send. A send is recorded PENDING before anything leaves,
// then SENT or FAILED with the attempts made and the error. With an idempotency key, the first send with that
// key is the only one: a repeat returns the recorded delivery (or its failure) instead of mailing again.

export interface BriefingRequestLike {
  date: string;
  fronts: string[] | null;
  timezone: string;
}

/** How the service gets the briefing of a request (the briefing service's `compose`, in production). */
export type BriefingProvider = (request: BriefingRequestLike) => Promise<Briefing>;

/** A message ready to send: its bytes, and the envelope it must be sent with. */
export interface OutgoingMessage {
  raw: Buffer;
  messageId: string;
  subject: string;
  envelope: { from: string; to: string[] };
}

/** Builds the message of a briefing (the output pipeline's email composer, with the configured templates). */
export type MessageComposer = (
  briefing: Briefing,
  message: {
    to: readonly string[];
    from: string;
    attachPdf: boolean;
    pdf?: (briefing: Briefing) => Promise<Buffer>;
  },
) => Promise<OutgoingMessage>;

export interface DeliveryServiceOptions {
  /** `smtp://user:pass@host:port`; null writes .eml files to `outboxDir` instead. */
  smtpUrl: string | null;
  outboxDir: string;
  mailFrom: string;
  smtpRetries: number;
  smtpRetryDelayMs: number;
  /** SMTP socket timeouts (default 30 s). */
  smtpTimeoutMs?: number;
  /** Prints the PDF attachment; without it `attachPdf` is an UNAVAILABLE error. */
  pdf?: (briefing: Briefing) => Promise<Buffer>;
  compose: MessageComposer;
}

export interface SendBriefingRequest {
  date: string;
  fronts?: readonly string[] | null;
  timezone?: string | null;
  to: readonly unknown[];
  attachPdf?: boolean | null;
  idempotencyKey?: string | null;
}

export const MAX_DELIVERIES_PAGE = 100;

/** Deliveries are listed newest first, ties broken by id; a cursor is a row's (createdAt, id). */
export function deliveryCursor(delivery: Pick<Delivery, 'createdAt' | 'id'>): string {
  return encodeCursor([delivery.createdAt, delivery.id]);
}

export class DeliveryService {
  constructor(
    private readonly db: Database,
    private readonly briefingFor: BriefingProvider,
    private readonly options: DeliveryServiceOptions,
  ) {}

  /** A page of the recorded sends, newest first: `first` after the cursor `after`. */
  async list(first = 20, after?: string | null): Promise<DeliveryRows> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_DELIVERIES_PAGE)
      throw badInput('first', `must be from 1 to ${MAX_DELIVERIES_PAGE}`);
    return this.db.read.deliveries.page(first, decodeCursor(after, 'after'));
  }

  async send(request: SendBriefingRequest): Promise<Delivery> {
    const to = checkRecipients(request.to);
    const idempotencyKey = check.optionalText(request.idempotencyKey, 'idempotencyKey', LIMITS.idempotencyKey);
    const fronts = request.fronts === undefined || request.fronts === null ? null : [...new Set(request.fronts)].sort();
    // Canonical, so that every spelling of one zone is one send under one idempotency key.
    const timezone = check.optionalTimezone(request.timezone, 'timezone') ?? 'UTC';
    const attachPdf = request.attachPdf === true;
    const requestHash = createHash('sha256')
      .update(JSON.stringify({ date: request.date, fronts, timezone, to, attachPdf }))
      .digest('hex');

    if (idempotencyKey !== null) {
      const existing = await this.byKey(idempotencyKey);
      if (existing !== null) return replay(existing, requestHash);
    }
    // The briefing is composed before anything is recorded: a bad date, front or timezone is the caller's
    // mistake, not a failed delivery.
    const briefing = await this.briefingFor({ date: request.date, fronts, timezone });
    if (attachPdf && this.options.pdf === undefined)
      throw new AppError('UNAVAILABLE', 'PDF attachments are not available on this server', 'attachPdf');

    const now = new Date().toISOString();
    const delivery: Delivery = {
      id: randomUUID(),
      recipients: to,
      messageId: null,
      subject: null,
      status: DeliveryStatus.PENDING,
      transport: this.options.smtpUrl === null ? DeliveryTransport.OUTBOX : DeliveryTransport.SMTP,
      error: null,
      attempts: 0,
      idempotencyKey,
      requestHash,
      briefingDate: briefing.date,
      fronts,
      timezone,
      attachPdf,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.db.write((tx) => tx.deliveries.insert(delivery));
    } catch (error) {
      // Two sends with one key at the same moment: the unique index lets one in, the other replays it.
      const winner = idempotencyKey === null ? null : await this.byKey(idempotencyKey);
      if (winner !== null) return replay(winner, requestHash);
      throw error;
    }
    return this.deliver(delivery, briefing);
  }

  private async deliver(delivery: Delivery, briefing: Briefing): Promise<Delivery> {
    let sent = false;
    try {
      const email = await this.options.compose(briefing, {
        to: delivery.recipients,
        from: this.options.mailFrom,
        attachPdf: delivery.attachPdf,
        pdf: this.options.pdf,
      });
      delivery.messageId = email.messageId;
      delivery.subject = email.subject;
      // What is about to go out is on record before it goes: a failure to record it stops the send.
      await this.record(delivery);
      if (this.options.smtpUrl === null) {
        await writeToOutbox(this.options.outboxDir, delivery.id, delivery.createdAt, email.raw);
        delivery.attempts = 1;
      } else {
        const result = await sendOverSmtp(
          { raw: email.raw, envelope: email.envelope },
          {
            url: this.options.smtpUrl,
            policy: { retries: this.options.smtpRetries, baseDelayMs: this.options.smtpRetryDelayMs },
            timeoutMs: this.options.smtpTimeoutMs,
          },
        );
        delivery.attempts = result.attempts;
        // Some recipients refused while others accepted: the message went out, and the refusals are on record.
        if (result.rejected.length > 0) delivery.error = `refused by the mail server: ${result.rejected.join(', ')}`;
      }
      sent = true;
      delivery.status = DeliveryStatus.SENT;
    } catch (error) {
      delivery.status = DeliveryStatus.FAILED;
      delivery.attempts = error instanceof SmtpSendError ? error.attempts : delivery.attempts;
      delivery.error =
        isAppError(error) || error instanceof SmtpSendError
          ? error.message
          : `could not send: ${(error as Error).message}`;
    }
    delivery.updatedAt = new Date().toISOString();
    try {
      await this.record(delivery);
    } catch (error) {
      // The mail went out: that is the answer, whatever the bookkeeping says. The record stays PENDING (which its
      // documentation allows for), and a repeat with the same idempotency key replays it instead of mailing again.
      if (!sent) throw error;
    }
    if (delivery.status === DeliveryStatus.FAILED) throw failure(delivery);
    return delivery;
  }

  private async record(delivery: Delivery): Promise<void> {
    await this.db.write((tx) =>
      tx.deliveries.update(delivery.id, {
        messageId: delivery.messageId,
        subject: delivery.subject,
        status: delivery.status,
        attempts: delivery.attempts,
        error: delivery.error,
        updatedAt: delivery.updatedAt,
      }),
    );
  }

  private byKey(idempotencyKey: string): Promise<Delivery | null> {
    return this.db.read.deliveries.byIdempotencyKey(idempotencyKey);
  }
}

function replay(existing: Delivery, requestHash: string): Delivery {
  if (existing.requestHash !== requestHash) {
    throw new AppError(
      'CONFLICT',
      `idempotencyKey: already used for a different send (delivery ${existing.id}); use a new key`,
      'idempotencyKey',
    );
  }
  if (existing.status === DeliveryStatus.FAILED) throw failure(existing);
  return existing;
}

/**
 * The caller learns that the send failed, why, and which delivery record holds it: DELIVERY_REFUSED when the mail
 * server refused the message for good (sending it again would fail the same way), UNAVAILABLE otherwise.
 */
function failure(delivery: Delivery): AppError {
  const error = new AppError(
    isSmtpRefusal(delivery.error) ? 'DELIVERY_REFUSED' : 'UNAVAILABLE',
    `Delivery ${delivery.id} failed: ${delivery.error ?? 'unknown error'}`,
  );
  Object.assign(error.extensions, { deliveryId: delivery.id });
  return error;
}
