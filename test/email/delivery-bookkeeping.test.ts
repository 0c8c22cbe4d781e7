import { describeEachDatabase } from '../support/databases';
import { startTestServer, TestServer } from '../support/test-server';
import { startSmtpServer, TestSmtpServer } from './smtp-test-server';

/*
 * A delivery's record and its mail, when the database refuses the bookkeeping (a trigger of the test's own, the
 * nearest a test gets to a database that fails at the wrong moment): what is about to go out is recorded before it
 * goes, so a message that cannot be recorded is never sent; and a message that went out is answered as sent even
 * when recording that fails, and a repeat under its idempotency key replays it instead of mailing again.
 */

const SEND = `mutation ($key: String) {
  sendBriefing(date: "2025-11-15", fronts: ["gaza"], to: ["analyst@example.org"], idempotencyKey: $key) {
    id status messageId
  }
}`;
const STORED = '{ deliveries(first: 1) { edges { node { id status messageId } } } }';

type Sent = { sendBriefing: { id: string; status: string; messageId: string | null } };
type Stored = { deliveries: { edges: { node: { id: string; status: string; messageId: string | null } }[] } };

describeEachDatabase('delivery bookkeeping that fails', (kind) => {
  let server: TestServer;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer(kind, { SMTP_URL: smtp.url, SITREP_SMTP_RETRY_DELAY_MS: '5' });
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
  });

  /** Makes the database refuse updates of deliveries that match `when` (SQL over NEW and OLD), until dropped. */
  const refuseUpdates = async (when: string): Promise<() => Promise<void>> => {
    const db = server.services.db.dataSource;
    if (kind === 'sqlite') {
      await db.query(
        `CREATE TRIGGER refuse_delivery BEFORE UPDATE ON deliveries WHEN ${when} BEGIN SELECT RAISE(ABORT, 'bookkeeping is down'); END`,
      );
      return async () => void (await db.query('DROP TRIGGER refuse_delivery'));
    }
    await db.query(
      "CREATE FUNCTION refuse_delivery() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'bookkeeping is down'; END $$ LANGUAGE plpgsql",
    );
    await db.query(
      `CREATE TRIGGER refuse_delivery BEFORE UPDATE ON deliveries FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION refuse_delivery()`,
    );
    return async () => {
      await db.query('DROP TRIGGER refuse_delivery ON deliveries');
      await db.query('DROP FUNCTION refuse_delivery()');
    };
  };

  it('answers SENT once the mail went out though recording it failed, and a repeat replays it unsent', async () => {
    const restore = await refuseUpdates("NEW.status = 'SENT'");
    try {
      const before = smtp.received.length;
      const sent = await server.gql<Sent>(SEND, { key: 'bookkeeping-after' }, server.editorKey);
      expect(sent.errors).toBeUndefined();
      expect(sent.data!.sendBriefing.status).toBe('SENT');
      expect(smtp.received).toHaveLength(before + 1);
      // The record keeps what went out (its message id), PENDING as its documentation allows.
      const stored = (await server.gql<Stored>(STORED, {}, server.editorKey)).data!.deliveries.edges[0].node;
      expect(stored).toEqual({
        id: sent.data!.sendBriefing.id,
        status: 'PENDING',
        messageId: expect.any(String) as unknown,
      });
      const again = await server.gql<Sent>(SEND, { key: 'bookkeeping-after' }, server.editorKey);
      expect(again.errors).toBeUndefined();
      expect(again.data!.sendBriefing.id).toBe(sent.data!.sendBriefing.id);
      expect(smtp.received).toHaveLength(before + 1);
    } finally {
      await restore();
    }
  });

  it('sends nothing when the message cannot be recorded before it goes', async () => {
    const restore = await refuseUpdates('NEW.message_id IS NOT NULL AND OLD.message_id IS NULL');
    try {
      const before = smtp.received.length;
      const answer = await server.gql<Sent>(SEND, { key: 'bookkeeping-before' }, server.editorKey);
      expect(answer.errors?.length).toBeGreaterThan(0);
      expect(smtp.received).toHaveLength(before);
      expect(smtp.rcptSeen.length).toBe(before);
    } finally {
      await restore();
    }
  });
});
