import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { firstError, startTestServer, TestServer } from '../support/test-server';
import { startSmtpServer, TestSmtpServer } from './smtp-test-server';

const SEND = `mutation Send($to: [String!]!, $fronts: [String!], $key: String) {
  sendBriefing(date: "2025-11-15", fronts: $fronts, to: $to, idempotencyKey: $key) { id status recipients messageId subject attempts transport }
}`;
const LIST = '{ deliveries(first: 5) { edges { node { id status recipients } } } }';

describe('sendBriefing over HTTP [sqlite]', () => {
  let server: TestServer;
  let smtp: TestSmtpServer;
  let outbox: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-outbox-'));
    server = await startTestServer('sqlite', {
      SMTP_URL: smtp.url,
      SITREP_SMTP_RETRY_DELAY_MS: '5',
      SITREP_OUTBOX_DIR: outbox,
    });
  });
  afterAll(async () => {
    await server?.services.pdf.close();
    await server?.stop();
    await smtp?.close();
  });

  it('refuses a request without a key (UNAUTHENTICATED) and a reader key (FORBIDDEN)', async () => {
    expect(firstError(await server.gql(SEND, { to: ['analyst@example.org'] }))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(firstError(await server.gql(SEND, { to: ['analyst@example.org'] }, server.readerKey))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(firstError(await server.gql(LIST, {}, server.readerKey))).toMatchObject({ code: 'FORBIDDEN' });
    expect(smtp.received).toHaveLength(0);
  });

  it.each([
    ['analyst@example.org\r\nBcc: spy@evil.example'],
    ['analyst@example.org, spy@evil.example'],
    ['list: spy@evil.example;'],
  ])('answers BAD_USER_INPUT on to[0] for %j', async (bad) => {
    expect(firstError(await server.gql(SEND, { to: [bad] }, server.editorKey))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'to[0]',
    });
    expect(smtp.rcptSeen).toEqual([]);
  });

  it('answers BAD_USER_INPUT for an unknown front', async () => {
    expect(
      firstError(await server.gql(SEND, { to: ['analyst@example.org'], fronts: ['atlantis'] }, server.editorKey)),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fronts' });
  });

  it('sends the seeded briefing over SMTP, once per idempotency key, and lists it for editors', async () => {
    const variables = { to: ['analyst@example.org'], fronts: ['gaza', 'iran'], key: 'http-key-1' };
    const res = await server.gql<{
      sendBriefing: { id: string; status: string; messageId: string; subject: string; transport: string };
    }>(SEND, variables, server.editorKey);
    expect(res.errors).toBeUndefined();
    expect(res.data!.sendBriefing).toMatchObject({
      status: 'SENT',
      transport: 'SMTP',
      subject: 'Daily briefing — 15 November 2025: Gaza, Iran',
    });
    const again = await server.gql<{ sendBriefing: { id: string } }>(SEND, variables, server.editorKey);
    expect(again.data!.sendBriefing.id).toBe(res.data!.sendBriefing.id);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual(['analyst@example.org']);
    const mail = await simpleParser(smtp.received[0].raw);
    expect(mail.messageId).toBe(res.data!.sendBriefing.messageId);
    expect(mail.text).toContain('GAZA');
    const list = await server.gql<{ deliveries: { edges: { node: { id: string; recipients: string[] } }[] } }>(
      LIST,
      {},
      server.editorKey,
    );
    expect(list.data!.deliveries.edges[0].node).toMatchObject({
      id: res.data!.sendBriefing.id,
      recipients: ['analyst@example.org'],
    });
  });
});
