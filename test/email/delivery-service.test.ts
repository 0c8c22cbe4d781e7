import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Briefing } from '../../src/briefings/briefing';
import { loadConfig } from '../../src/config/config';
import { Database } from '../../src/db/database';
import { Delivery, DeliveryStatus } from '../../src/entities/delivery';
import { AppError } from '../../src/errors/app-errors';
import { createLogger } from '../../src/logging/logger';
import { DeliveryService, DeliveryServiceOptions } from '../../src/mail/delivery-service';
import { composeBriefingEmail } from '../../src/output/email/compose-briefing-email';
import { briefing20251115 } from '../fixtures/briefing-2025-11-15';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../support/databases';
import { startSmtpServer, TestSmtpServer } from './smtp-test-server';

const FAKE_PDF = Buffer.from('%PDF-1.7\n% test attachment\n%%EOF\n');

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected the send to fail');
}

describeEachDatabase('email delivery', (kind) => {
  let database: TestDatabase;
  let db: Database;
  let smtp: TestSmtpServer;
  let outbox: string;
  let composed: number;
  const provider = async (): Promise<Briefing> => {
    composed += 1;
    return briefing20251115();
  };
  const service = (overrides: Partial<DeliveryServiceOptions> = {}): DeliveryService =>
    new DeliveryService(db, provider, {
      smtpUrl: smtp.url,
      outboxDir: outbox,
      mailFrom: 'Sitrep <briefings@sitrep.example>',
      smtpRetries: 3,
      smtpRetryDelayMs: 5,
      smtpTimeoutMs: 5_000,
      pdf: async () => FAKE_PDF,
      compose: composeBriefingEmail,
      ...overrides,
    });
  const base = { date: '2025-11-15', fronts: null, timezone: 'UTC' };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = await Database.open(loadConfig({ DATABASE_URL: database.url }).database, createLogger('error'));
    await db.migrate();
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.close();
    await database?.drop();
  });
  beforeEach(() => {
    smtp.received.length = 0;
    smtp.rcptSeen.length = 0;
    smtp.refuseRecipients.clear();
    composed = 0;
    outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-outbox-'));
  });

  it('delivers a multipart/alternative message with inlined CSS and a PDF attachment to exactly the recipients', async () => {
    const delivery = await service().send({
      ...base,
      to: ['analyst@example.org', 'desk@example.net'],
      attachPdf: true,
    });
    expect(delivery).toMatchObject({
      status: DeliveryStatus.SENT,
      attempts: 1,
      recipients: ['analyst@example.org', 'desk@example.net'],
      error: null,
    });
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message.to).toEqual(['analyst@example.org', 'desk@example.net']);
    expect(message.from).toBe('briefings@sitrep.example');
    const raw = message.raw.toString('utf8');
    expect(raw).toMatch(/^Content-Type: multipart\/mixed/m);
    expect(raw).toMatch(/Content-Type: multipart\/alternative/);
    const mail = await simpleParser(message.raw);
    expect(mail.subject).toBe('Daily briefing — 15 November 2025: Gaza, Iran, Syria, Lebanon');
    expect(mail.messageId).toBe(delivery.messageId);
    expect(mail.text).toContain('KEY TAKEAWAYS');
    expect(mail.text).toContain('Ceasefire in force since 10 October 2025 — day 37');
    const html = String(mail.html);
    expect(html).not.toMatch(/<style/i);
    expect(html).toMatch(/<h1 style="[^"]*font-size: 26px/);
    expect(html).toContain('Putin and Netanyahu discuss the Gaza ceasefire');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: 'sitrep-briefing-2025-11-15.pdf',
      contentType: 'application/pdf',
    });
    expect(mail.attachments[0].content.equals(FAKE_PDF)).toBe(true);
    const stored = await db.manager.findOneByOrFail(Delivery, { id: delivery.id });
    expect(stored).toMatchObject({
      status: 'SENT',
      recipients: ['analyst@example.org', 'desk@example.net'],
      messageId: delivery.messageId,
    });
  });

  it('retries a 451 and then succeeds', async () => {
    smtp.failNext({ at: 'DATA', code: 451, message: '4.3.0 Try again later' });
    const delivery = await service().send({ ...base, to: ['analyst@example.org'] });
    expect(delivery).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(smtp.received).toHaveLength(1);
  });

  it('retries a dropped connection and then succeeds', async () => {
    smtp.failNext({ at: 'DATA', drop: true });
    const delivery = await service().send({ ...base, to: ['analyst@example.org'] });
    expect(delivery).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(smtp.received).toHaveLength(1);
  });

  it('gives up on temporary failures after the configured retries and records FAILED', async () => {
    smtp.failNext(...Array.from({ length: 3 }, () => ({ at: 'DATA' as const, code: 421 })));
    const error = await failureOf(service({ smtpRetries: 2 }).send({ ...base, to: ['analyst@example.org'] }));
    expect(error.extensions.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/after 3 attempts/);
    const stored = await db.manager.findOneByOrFail(Delivery, { id: error.extensions.deliveryId as string });
    expect(stored).toMatchObject({ status: 'FAILED', attempts: 3 });
  });

  it('records a 550 as FAILED without retrying and reports it to the caller', async () => {
    smtp.refuseRecipients.add('nobody@example.org');
    const error = await failureOf(service().send({ ...base, to: ['nobody@example.org'] }));
    expect(error).toBeInstanceOf(AppError);
    expect(error.extensions.code).toBe('DELIVERY_REFUSED');
    expect(error.message).toMatch(/550/);
    expect(smtp.rcptSeen).toEqual(['nobody@example.org']);
    expect(smtp.received).toHaveLength(0);
    const stored = await db.manager.findOneByOrFail(Delivery, { id: error.extensions.deliveryId as string });
    expect(stored.status).toBe('FAILED');
    expect(stored.attempts).toBe(1);
    expect(stored.error).toMatch(/550/);
  });

  it('delivers to the accepted recipients and records the refused ones', async () => {
    smtp.refuseRecipients.add('gone@example.org');
    const delivery = await service().send({ ...base, to: ['analyst@example.org', 'gone@example.org'] });
    expect(delivery.status).toBe('SENT');
    expect(delivery.error).toMatch(/gone@example\.org/);
    expect(smtp.received[0].to).toEqual(['analyst@example.org']);
  });

  it('delivers once per idempotency key and returns the recorded delivery on repeats', async () => {
    const send = { ...base, to: ['analyst@example.org'], idempotencyKey: `key-${kind}-1` };
    const first = await service().send(send);
    const again = await service().send(send);
    const concurrent = await Promise.all([service().send(send), service().send(send)]);
    expect(again.id).toBe(first.id);
    expect(concurrent.map((d) => d.id)).toEqual([first.id, first.id]);
    expect(smtp.received).toHaveLength(1);
    expect(composed).toBe(1);
    const conflict = await failureOf(service().send({ ...send, to: ['other@example.org'] }));
    expect(conflict.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
  });

  it('takes every spelling of one timezone as one send under one idempotency key', async () => {
    const send = { ...base, to: ['analyst@example.org'], idempotencyKey: `key-${kind}-tz` };
    const first = await service().send({ ...send, timezone: 'Asia/Jerusalem' });
    const again = await service().send({ ...send, timezone: 'aSiA/jErUsAlEm' });
    expect(again.id).toBe(first.id);
    expect(smtp.received).toHaveLength(1);
    const bad = await failureOf(
      service().send({ ...send, idempotencyKey: `key-${kind}-tz-bad`, timezone: 'Mars/Olympus' }),
    );
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timezone' });
  });

  it('replays a failed keyed send as the same failure instead of sending again', async () => {
    smtp.refuseRecipients.add('nobody@example.org');
    const send = { ...base, to: ['nobody@example.org'], idempotencyKey: `key-${kind}-failed` };
    const first = await failureOf(service().send(send));
    const again = await failureOf(service().send(send));
    expect(again.extensions.deliveryId).toBe(first.extensions.deliveryId);
    expect([first.extensions.code, again.extensions.code]).toEqual(['DELIVERY_REFUSED', 'DELIVERY_REFUSED']);
    expect(smtp.rcptSeen).toHaveLength(1);
  });

  it.each([
    ['a CR/LF header injection', 'analyst@example.org\r\nBcc: spy@evil.example', 'line break'],
    ['a bare LF', 'analyst@example.org\nspy@evil.example', 'line break'],
    ['a comma list', 'analyst@example.org,spy@evil.example', 'not a list'],
    ['a comma list with a space', 'analyst@example.org, spy@evil.example', 'not a list'],
    ['a semicolon list', 'analyst@example.org;spy@evil.example', 'not a list'],
    ['a group', 'undisclosed:spy@evil.example;', 'not a list'],
    ['a display name', 'Analyst <spy@evil.example>', 'without spaces'],
    ['an angle-bracket address', '<spy@evil.example>', 'plain address'],
    ['a display-name trick without spaces', '"analyst@example.org"<spy@evil.example>', 'plain address'],
    ['a comment', 'analyst@example.org(spy@evil.example)', 'plain address'],
    ['two @', 'analyst@spy@evil.example', 'exactly one @'],
    ['no domain dot', 'analyst@localhost', 'invalid domain'],
    ['an empty string', '', 'exactly one @'],
  ])('refuses %s as BAD_USER_INPUT on to[1] and sends nothing', async (_name, bad, message) => {
    const error = await failureOf(service().send({ ...base, to: ['analyst@example.org', bad] }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to[1]' });
    expect(error.message).toContain(message);
    expect(smtp.rcptSeen).toEqual([]);
    expect(composed).toBe(0);
  });

  it('refuses an empty list and a repeated address', async () => {
    expect((await failureOf(service().send({ ...base, to: [] }))).extensions).toMatchObject({ field: 'to' });
    expect(
      (await failureOf(service().send({ ...base, to: ['a@example.org', 'A@example.org'] }))).extensions,
    ).toMatchObject({ field: 'to[1]' });
  });

  it('writes a parseable .eml to the outbox folder when no SMTP server is configured', async () => {
    const delivery = await service({ smtpUrl: null }).send({ ...base, to: ['analyst@example.org'] });
    expect(delivery).toMatchObject({ status: 'SENT', transport: 'OUTBOX' });
    const files = fs.readdirSync(outbox);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`-${delivery.id}\\.eml$`));
    const mail = await simpleParser(fs.readFileSync(path.join(outbox, files[0])));
    expect(mail.subject).toBe('Daily briefing — 15 November 2025: Gaza, Iran, Syria, Lebanon');
    expect(mail.to).toMatchObject({ value: [{ address: 'analyst@example.org' }] });
    expect(mail.text).toContain('KEY TAKEAWAYS');
    expect(String(mail.html)).toContain('Key takeaways');
    expect(smtp.received).toHaveLength(0);
  });

  it('lists deliveries newest first', async () => {
    const list = (await service().list(3)).deliveries;
    expect(list.length).toBeGreaterThan(0);
    expect(list.length).toBeLessThanOrEqual(3);
    const times = list.map((d) => d.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await failureOf(service().list(0))).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
