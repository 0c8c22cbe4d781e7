import { canonicalTimezone } from '../../src/dates/partial-date';
import { eventInput } from '../api/fixtures';
import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';

/** Every spelling of a timezone is one timezone: accepted, printed and cached under its IANA name. */

describe('canonicalTimezone', () => {
  it.each([
    ['aSiA/jErUsAlEm', 'Asia/Jerusalem'],
    ['utc', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['GMT', 'UTC'],
    ['US/Pacific', 'America/Los_Angeles'],
    ['america/argentina/buenos_aires', 'America/Buenos_Aires'],
    ['Asia/Jerusalem', 'Asia/Jerusalem'],
  ])('spells %s as %s', (given, canonical) => {
    expect(canonicalTimezone(given)).toBe(canonical);
  });

  it('refuses what is no timezone, and anything longer than 64 characters before looking it up', () => {
    expect(canonicalTimezone('Mars/Olympus')).toBeNull();
    expect(canonicalTimezone('')).toBeNull();
    expect(canonicalTimezone(`Asia/Jerusalem${' '.repeat(60)}`)).toBeNull();
    expect(canonicalTimezone(`America/${'a'.repeat(57)}`)).toBeNull();
  });
});

describeEachDatabase('timezones over HTTP', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  const BRIEFING =
    'query ($tz: String) { briefing(date: "2025-11-15", fronts: ["gaza"], timezone: $tz) { timezone sections { today { id localTime } } render(format: TEXT) { body downloadUrl } } }';
  type Result = { briefing: { timezone: string; sections: unknown[]; render: { body: string; downloadUrl: string } } };

  it('answers a briefing in any spelling of a timezone with its IANA name, from the same cache entry', async () => {
    const canonical = await server.gql<Result>(BRIEFING, { tz: 'Asia/Jerusalem' });
    expect(canonical.errors).toBeUndefined();
    const misses = server.services.briefings.composedMisses;
    const renders = server.services.briefingRenders.cache.size;
    const odd = await server.gql<Result>(BRIEFING, { tz: 'aSiA/jErUsAlEm' });
    expect(odd.errors).toBeUndefined();
    expect(odd.data!.briefing.timezone).toBe('Asia/Jerusalem');
    expect(odd.data).toEqual(canonical.data);
    expect(odd.data!.briefing.render.body).toContain('Timezone:  Asia/Jerusalem');
    expect(odd.data!.briefing.render.downloadUrl).toMatch(/[?&]tz=Asia%2FJerusalem(&|$)/);
    expect(server.services.briefings.composedMisses).toBe(misses);
    expect(server.services.briefingRenders.cache.size).toBe(renders);
    const utc = await server.gql<Result>(BRIEFING, { tz: 'utc' });
    expect(utc.data!.briefing.timezone).toBe('UTC');
  });

  it('gives a download the same ETag and body in any spelling of its timezone', async () => {
    const canonical = await fetch(`${server.url}/briefings/2025-11-15.txt?tz=Asia/Jerusalem`);
    const odd = await fetch(`${server.url}/briefings/2025-11-15.txt?tz=aSiA/jErUsAlEm`);
    expect(odd.status).toBe(200);
    expect(odd.headers.get('etag')).toBe(canonical.headers.get('etag'));
    const body = await odd.text();
    expect(body).toBe(await canonical.text());
    expect(body).not.toContain('aSiA');
  });

  it('refuses a timezone longer than 64 characters without echoing it', async () => {
    const long = `Asia/${'x'.repeat(60)}`;
    const res = await server.gql<Result>(BRIEFING, { tz: long });
    expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timezone' });
    expect(firstError(res).message).not.toContain(long);
    const download = await fetch(`${server.url}/briefings/2025-11-15.txt?tz=${long}`);
    expect(download.status).toBe(400);
  });

  it('numbers editions of any spelling of a timezone as one series, and finds the latest by any spelling', async () => {
    const PUBLISH = `mutation ($tz: String) {
      publishEdition(date: "2025-11-15", fronts: ["gaza"], timezone: $tz) { id number timezone }
    }`;
    type Published = { publishEdition: { id: string; number: number; timezone: string } };
    const first = await server.gql<Published>(PUBLISH, { tz: 'Asia/Jerusalem' }, server.editorKey);
    const second = await server.gql<Published>(PUBLISH, { tz: 'aSiA/jErUsAlEm' }, server.editorKey);
    expect(second.errors).toBeUndefined();
    expect(second.data!.publishEdition).toMatchObject({ number: first.data!.publishEdition.number + 1 });
    expect(second.data!.publishEdition.timezone).toBe('Asia/Jerusalem');
    const latest = await fetch(`${server.url}/editions/latest/2025-11-15.txt?fronts=gaza&tz=ASIA/jerusalem`, {
      redirect: 'manual',
    });
    expect(latest.status).toBe(302);
    expect(latest.headers.get('location')).toContain(second.data!.publishEdition.id);
  });

  it("stores an event's timezone under its IANA name", async () => {
    const res = await server.gql<{ createEvent: { timezone: string; date: string } }>(
      'mutation ($input: EventCreateInput!) { createEvent(input: $input) { timezone date } }',
      { input: eventInput({ date: '2025-11-16', occurredAt: '2025-11-15T23:30:00Z', timezone: 'asia/JERUSALEM' }) },
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createEvent).toEqual({ timezone: 'Asia/Jerusalem', date: '2025-11-16' });
    const long = await server.gql(
      'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }',
      { input: eventInput({ occurredAt: '2025-11-16T10:00:00Z', timezone: `America/${'a'.repeat(57)}` }) },
      server.editorKey,
    );
    expect(firstError(long)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.timezone' });
  });
});
