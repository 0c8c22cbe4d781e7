import { Client } from 'pg';
import { Event } from '../../src/entities/event';
import { eventInput } from '../api/fixtures';
import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';

/*
 * Concurrent writes: no acknowledged change is lost, and a write that lost a race is retried or answered with the
 * retryable CONFLICT, never INTERNAL_SERVER_ERROR.
 */

const CREATE = 'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id revision } }';
const UPDATE = `mutation ($id: ID!, $input: EventUpdateInput!, $rev: Int) {
  updateEvent(id: $id, input: $input, expectedRevision: $rev) { id revision title summary significance kind }
}`;
const READ = 'query ($id: ID!) { event(id: $id) { revision title summary significance kind } }';
const IMPORT =
  'mutation ($events: [EventCreateInput!]!) { importEvents(events: $events) { created updated unchanged } }';

const KINDS = ['STATEMENT', 'MEETING', 'STRIKE', 'HUMANITARIAN'];

describeEachDatabase('concurrent writes', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  const create = async (overrides: Record<string, unknown> = {}): Promise<{ id: string; revision: number }> => {
    const res = await server.gql<{ createEvent: { id: string; revision: number } }>(
      CREATE,
      { input: eventInput(overrides) },
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createEvent;
  };

  it('loses no patch in 50 rounds of concurrent edits to different fields of one event', async () => {
    const { id, revision } = await create();
    expect(revision).toBe(1);
    const lost: string[] = [];
    for (let round = 1; round <= 50; round++) {
      const patches = [
        { title: `Title ${round}` },
        { summary: `Summary ${round}.` },
        { significance: (round % 5) + 1 === 2 ? 3 : (round % 5) + 1 },
        { kind: KINDS[round % KINDS.length] === 'STATEMENT' ? 'AGREEMENT' : KINDS[round % KINDS.length] },
      ];
      const answers = await Promise.all(patches.map((input) => server.gql(UPDATE, { id, input }, server.editorKey)));
      for (const answer of answers) expect(answer.errors).toBeUndefined();
      const stored = (await server.gql<{ event: Record<string, unknown> }>(READ, { id })).data!.event;
      const expected = Object.assign({}, ...patches) as Record<string, unknown>;
      for (const [field, value] of Object.entries(expected)) {
        if (stored[field] !== value)
          lost.push(`round ${round}: ${field} is ${JSON.stringify(stored[field])}, not ${JSON.stringify(value)}`);
      }
      // Put the event back, so that every patch of the next round is a change again.
      const reset = await server.gql(
        UPDATE,
        { id, input: { title: 'Test event', summary: 'Something happened.', significance: 2, kind: 'STATEMENT' } },
        server.editorKey,
      );
      expect(reset.errors).toBeUndefined();
    }
    expect(lost).toEqual([]);
    // Every acknowledged change counted: 4 patches and a reset per round.
    expect((await server.gql<{ event: { revision: number } }>(READ, { id })).data!.event.revision).toBe(1 + 50 * 5);
  }, 120_000);

  it('refuses an edit based on an older revision as CONFLICT naming expectedRevision, saving nothing', async () => {
    const { id } = await create();
    const first = await server.gql<{ updateEvent: { revision: number } }>(
      UPDATE,
      { id, input: { title: 'Edit one' }, rev: 1 },
      server.editorKey,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.updateEvent.revision).toBe(2);
    const stale = await server.gql(UPDATE, { id, input: { title: 'Edit two' }, rev: 1 }, server.editorKey);
    expect(stale.data ?? null).toBeNull();
    expect(firstError(stale)).toMatchObject({
      code: 'CONFLICT',
      field: 'expectedRevision',
      message: expect.stringContaining('revision 2') as unknown,
    });
    expect((await server.gql<{ event: { title: string; revision: number } }>(READ, { id })).data!.event).toMatchObject({
      title: 'Edit one',
      revision: 2,
    });
    const bad = await server.gql(UPDATE, { id, input: { title: 'Edit three' }, rev: 0 }, server.editorKey);
    expect(firstError(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expectedRevision' });
    // An edit that changes nothing leaves the revision alone.
    const same = await server.gql<{ updateEvent: { revision: number } }>(
      UPDATE,
      { id, input: { title: 'Edit one' }, rev: 2 },
      server.editorKey,
    );
    expect(same.data!.updateEvent.revision).toBe(2);
  });

  const ASSESS = `mutation ($input: AssessmentInput!) { recordAssessment(input: $input) { id revision } }`;
  const REASSESS = `mutation ($id: ID!, $input: AssessmentInput!, $rev: Int) {
    updateAssessment(id: $id, input: $input, expectedRevision: $rev) { id revision text }
  }`;
  const assessment = (text: string): Record<string, unknown> => ({
    date: '2025-11-15',
    confidence: 'LIKELY',
    text,
    fronts: ['gaza'],
  });

  it('saves one of four concurrent assessment replacements based on one revision, the others CONFLICT', async () => {
    const created = await server.gql<{ recordAssessment: { id: string; revision: number } }>(
      ASSESS,
      { input: assessment('The talks resume.') },
      server.editorKey,
    );
    expect(created.errors).toBeUndefined();
    const { id, revision } = created.data!.recordAssessment;
    for (let round = 0; round < 10; round++) {
      const base = revision + round;
      const answers = await Promise.all(
        [1, 2, 3, 4].map((n) =>
          server.gql<{ updateAssessment: { revision: number; text: string } }>(
            REASSESS,
            { id, input: assessment(`Round ${round}, editor ${n}.`), rev: base },
            server.editorKey,
          ),
        ),
      );
      const saved = answers.filter((a) => a.errors === undefined);
      expect(saved).toHaveLength(1);
      for (const refused of answers.filter((a) => a.errors !== undefined))
        expect(firstError(refused)).toMatchObject({ code: 'CONFLICT', field: 'expectedRevision' });
      const stored = await server.gql<{ assessment: { revision: number; text: string } }>(
        'query ($id: ID!) { assessment(id: $id) { revision text } }',
        { id },
      );
      expect(stored.data!.assessment).toEqual({ revision: base + 1, text: saved[0].data!.updateAssessment.text });
    }
    const stale = await server.gql(REASSESS, { id, input: assessment('Stale.'), rev: revision }, server.editorKey);
    expect(firstError(stale)).toMatchObject({
      code: 'CONFLICT',
      field: 'expectedRevision',
      message: expect.stringContaining(`revision ${revision + 10}`) as unknown,
    });
    const bad = await server.gql(REASSESS, { id, input: assessment('Bad.'), rev: 0 }, server.editorKey);
    expect(firstError(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expectedRevision' });
  });

  it('chains front status periods set at once: one open period, each closed where the next begins', async () => {
    const SET = `mutation ($since: PartialDate!, $text: String!) {
      setFrontStatus(front: "yemen", kind: TENSION, text: $text, since: $since) { id since }
    }`;
    const days = ['2030-01-01', '2030-02-01', '2030-03-01', '2030-04-01', '2030-05-01', '2030-06-01'];
    const answers = await Promise.all(
      days.map((since) => server.gql(SET, { since, text: `From ${since}` }, server.editorKey)),
    );
    for (const answer of answers)
      if (answer.errors !== undefined)
        expect(firstError(answer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'since' });
    expect(answers.filter((a) => a.errors === undefined).length).toBeGreaterThan(0);
    const history = await server.gql<{ front: { statusHistory: { since: string | null; until: string | null }[] } }>(
      '{ front(slug: "yemen") { statusHistory { since until } } }',
    );
    const periods = history.data!.front.statusHistory;
    expect(periods.filter((p) => p.until === null)).toHaveLength(1);
    const sorted = [...periods].sort((a, b) => String(a.since).localeCompare(String(b.since)));
    for (let i = 0; i + 1 < sorted.length; i++) expect(sorted[i].until).toBe(sorted[i + 1].since);
  });

  it('resolves an issue and retires a note once when three editors do it at once; the others are refused, never an error', async () => {
    const opened = await server.gql<{ openFrontIssue: { id: string } }>(
      'mutation { openFrontIssue(front: "syria", text: "Who holds the crossing?", opened: "2025-11-01") { id } }',
      {},
      server.editorKey,
    );
    const added = await server.gql<{ addFrontContext: { id: string } }>(
      'mutation { addFrontContext(front: "syria", text: "Background.", validFrom: "2025-11-01") { id } }',
      {},
      server.editorKey,
    );
    const ends = [
      {
        query:
          'mutation ($id: ID!, $d: PartialDate!) { resolveFrontIssue(id: $id, resolved: $d) { revision resolved } }',
        id: opened.data!.openFrontIssue.id,
      },
      {
        query:
          'mutation ($id: ID!, $d: PartialDate!) { retireFrontContext(id: $id, retired: $d) { revision retired } }',
        id: added.data!.addFrontContext.id,
      },
    ];
    for (const { query, id } of ends) {
      const answers = await Promise.all(
        ['2025-11-10', '2025-11-12', '2025-11-14'].map((d) => server.gql(query, { id, d }, server.editorKey)),
      );
      expect(answers.filter((a) => a.errors === undefined)).toHaveLength(1);
      for (const refused of answers.filter((a) => a.errors !== undefined))
        expect(firstError(refused).code).toMatch(/^(?:BAD_USER_INPUT|CONFLICT)$/);
    }
  });

  if (kind === 'postgres') {
    it('imports an event that a concurrent transaction is deleting, instead of failing on its foreign keys', async () => {
      const externalId = 'race:import-delete';
      const imported = await server.gql(IMPORT, { events: [eventInput({ externalId })] }, server.editorKey);
      expect(imported.errors).toBeUndefined();
      const url = (server.runtime.config.database as { url: string }).url;
      const deleter = new Client({ connectionString: url });
      await deleter.connect();
      try {
        await deleter.query('BEGIN');
        await deleter.query('DELETE FROM events WHERE external_id = $1', [externalId]);
        const racing = server.gql<{ importEvents: { created: number; updated: number } }>(
          IMPORT,
          { events: [eventInput({ externalId, title: 'Imported again' })] },
          server.editorKey,
        );
        // Commit only once the import is waiting on the deleter's locks.
        for (let i = 0; i < 200; i++) {
          const waiting = await deleter.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
          );
          if (waiting.rows[0].n > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        await deleter.query('COMMIT');
        const answer = await racing;
        expect(answer.errors).toBeUndefined();
        expect(answer.data!.importEvents).toMatchObject({ created: 1, updated: 0 });
      } finally {
        await deleter.end();
      }
      const events = await server.services.db.manager.find(Event, { where: { externalId } });
      expect(events.map((e) => e.title)).toEqual(['Imported again']);
    });

    it('runs a transaction that lost a deadlock again, so both writers succeed', async () => {
      const a = await create({ title: 'Deadlock A' });
      const b = await create({ title: 'Deadlock B' });
      const db = server.services.db;
      let arrived = 0;
      let release: () => void = () => undefined;
      const bothLocked = new Promise<void>((resolve) => {
        release = resolve;
      });
      const writer = (first: string, second: string, title: string): Promise<number> =>
        db.write(async (manager) => {
          await manager.query('SELECT id FROM events WHERE id = $1 FOR UPDATE', [first]);
          arrived += 1;
          if (arrived === 2) release();
          // Only the first attempt waits for the other: a retry must not wait for a partner that has moved on.
          if (arrived <= 2) await Promise.race([bothLocked, new Promise((resolve) => setTimeout(resolve, 2_000))]);
          await manager.query('SELECT id FROM events WHERE id = $1 FOR UPDATE', [second]);
          await manager.query('UPDATE events SET title = $1 WHERE id IN ($2, $3)', [title, first, second]);
          return 1;
        });
      const results = await Promise.allSettled([writer(a.id, b.id, 'One'), writer(b.id, a.id, 'Two')]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    });
  }
});
