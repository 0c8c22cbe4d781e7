import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

// Sends one composed message over SMTP with the envelope given (never one derived from headers), retrying
// temporary failures — 4xx replies, refused or dropped connections, timeouts — with exponential backoff, and
// giving up at once on permanent ones (5xx). A new connection per attempt: a dropped one is never reused.

export interface SmtpMessage {
  raw: Buffer;
  envelope: { from: string; to: string[] };
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** Delay before the first retry; doubled for each next one. */
  baseDelayMs: number;
}

export interface SmtpSendResult {
  attempts: number;
  accepted: string[];
  rejected: string[];
  response: string;
}

/**
 * How a permanent refusal's message starts: it is stored as the delivery's error, so a replayed delivery is
 * reported as refused (DELIVERY_REFUSED) just as the first answer was.
 */
export const SMTP_REFUSAL = 'the mail server refused the message:';

export const isSmtpRefusal = (deliveryError: string | null): boolean =>
  deliveryError?.startsWith(SMTP_REFUSAL) === true;

export class SmtpSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly attempts: number,
    readonly responseCode: number | null,
  ) {
    super(message);
    this.name = 'SmtpSendError';
  }
}

interface NodemailerError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

const TEMPORARY_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNRESET', 'EDNS', 'ESTREAM', 'EPROTOCOL']);

/** 4xx and network trouble are worth another try; 5xx (and anything unknown) are not. */
export function isTemporary(error: NodemailerError): boolean {
  if (typeof error.responseCode === 'number') return error.responseCode >= 400 && error.responseCode < 500;
  return error.code !== undefined && TEMPORARY_CODES.has(error.code);
}

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SmtpSenderOptions {
  url: string;
  policy: RetryPolicy;
  /** Socket timeouts in ms (default 30 s); tests use short ones. */
  timeoutMs?: number;
  sleep?: Sleep;
}

export async function sendOverSmtp(message: SmtpMessage, options: SmtpSenderOptions): Promise<SmtpSendResult> {
  const sleep = options.sleep ?? realSleep;
  const timeout = options.timeoutMs ?? 30_000;
  for (let attempt = 1; ; attempt += 1) {
    const transport = nodemailer.createTransport({
      url: options.url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      // No connection pool and no DNS cache beyond this attempt: each retry starts clean.
      pool: false,
    } as SMTPTransport.Options);
    try {
      const info = await transport.sendMail({ envelope: message.envelope, raw: message.raw });
      const accepted = info.accepted.map(String);
      const rejected = info.rejected.map(String);
      // The server must have been given exactly the intended recipients, no more and no fewer.
      const given = [...accepted, ...rejected].map((a) => a.toLowerCase()).sort();
      const intended = message.envelope.to.map((a) => a.toLowerCase()).sort();
      if (given.length !== intended.length || given.some((a, i) => a !== intended[i])) {
        throw new SmtpSendError(
          `SMTP envelope mismatch: sent to ${given.join(', ')}, intended ${intended.join(', ')}`,
          true,
          attempt,
          null,
        );
      }
      return { attempts: attempt, accepted, rejected, response: info.response };
    } catch (caught) {
      if (caught instanceof SmtpSendError) throw caught;
      const error = caught as NodemailerError;
      const temporary = isTemporary(error);
      const summary = describe(error);
      if (!temporary) throw new SmtpSendError(`${SMTP_REFUSAL} ${summary}`, true, attempt, error.responseCode ?? null);
      if (attempt > options.policy.retries) {
        throw new SmtpSendError(
          `the mail server still failed after ${attempt} attempts: ${summary}`,
          false,
          attempt,
          error.responseCode ?? null,
        );
      }
      await sleep(options.policy.baseDelayMs * 2 ** (attempt - 1));
    } finally {
      transport.close();
    }
  }
}

function describe(error: NodemailerError): string {
  const text = (error.response ?? error.message).replace(/\s+/g, ' ').trim();
  return `${text}${error.code !== undefined && !text.includes(error.code) ? ` (${error.code})` : ''}`.slice(0, 500);
}
