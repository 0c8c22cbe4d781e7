import { createHash } from 'node:crypto';
import type { Briefing } from '../briefings/briefing';

// A stable Message-ID: `<briefing-2025-11-15-<hash>@<sender domain>>`, where the hash covers the briefing's
// date, timezone, fronts and every piece of its content except `generatedAt`, the templates (name and revision)
// the message was rendered with, and whether a PDF is attached. The same briefing composed twice therefore gets
// the same id, so mail clients and archives recognise a re-sent briefing as the same message, while a change to
// the data, a template or the attachment makes a new message with a new id.

export interface MessageIdInput {
  briefing: Briefing;
  templates: { name: string; revision: string }[];
  attachPdf: boolean;
  /** The domain of the From address. */
  domain: string;
}

export function briefingFingerprint(input: Omit<MessageIdInput, 'domain'>): string {
  const { generatedAt: _generatedAt, ...content } = input.briefing;
  return createHash('sha256')
    .update(JSON.stringify({ content, templates: input.templates, attachPdf: input.attachPdf }))
    .digest('hex');
}

export function stableMessageId(input: MessageIdInput): string {
  const fingerprint = briefingFingerprint(input).slice(0, 32);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(input.briefing.date) ? input.briefing.date : 'undated';
  return `<briefing-${date}-${fingerprint}@${input.domain}>`;
}
