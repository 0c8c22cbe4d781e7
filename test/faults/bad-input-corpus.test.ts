import { Quote } from '../../src/entities/quote';
import { eventInput } from '../api/fixtures';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TestServer } from '../support/test-server';
import { dumpTables, rawRequest, RawRequest, RawResponse } from './support';

/**
 * A corpus of bad inputs sent over real HTTP to a started server: wrong types, impossible dates, unknown slugs,
 * huge strings, deeply nested variables, malformed JSON, wrong content types, bad UTF-8, null bytes, wrong
 * methods, bad download paths and parameters. Every answer must be a 4xx, or a GraphQL error carrying a client
 * code (never INTERNAL_SERVER_ERROR); no answer is a 5xx or leaks a stack or SQL; the server stays up; and the
 * stored data is byte-for-byte what it was (every table dumped, sorted, before and after).
 */

interface Case extends RawRequest {
  name: string;
  /** A valid request whose answer is data (e.g. null for an unknown id): it must still not be an error of ours. */
  mayAnswer?: boolean;
}

type Keys = {
  editor: string;
  reader: string;
  quotedEvent?: { id: string; revision: number };
  /** A stored assessment and its revision, for the stale-revision case. */
  assessment?: { id: string; revision: number };
};

const MB = 1024 * 1024;
const CREATE = 'mutation($input: EventCreateInput!) { createEvent(input: $input) { id } }';
const UPDATE = 'mutation($id: ID!, $input: EventUpdateInput!) { updateEvent(id: $id, input: $input) { id } }';
const BRIEFING =
  'query($date: Date!, $fronts: [String!], $tz: String) { briefing(date: $date, fronts: $fronts, timezone: $tz) { title } }';
const RENDER =
  'query($format: BriefingFormat!, $template: String, $paper: PaperSize) { briefing(date: "2025-11-15") { render(format: $format, template: $template, paper: $paper) { filename } } }';
const EVENTS =
  'query($first: Int!, $after: String, $filter: EventFilterInput) { events(first: $first, after: $after, filter: $filter) { totalCount } }';

function gqlCase(name: string, query: unknown, variables?: unknown, key?: string, extra: Partial<Case> = {}): Case {
  return {
    name,
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
    ...extra,
  };
}

/** JSON text of an object nested `depth` deep (built as text: JSON.stringify itself would overflow). */
const nested = (depth: number): string => `${'{"a":'.repeat(depth)}"leaf"${'}'.repeat(depth)}`;

function buildCorpus(keys: Keys): Case[] {
  const e = keys.editor;
  const create = (name: string, overrides: Record<string, unknown>): Case =>
    gqlCase(`createEvent: ${name}`, CREATE, { input: eventInput(overrides) }, e);
  const cases: Case[] = [
    // ---- wrong types and impossible values in createEvent
    create('significance as a string', { significance: 'high' }),
    create('significance 0', { significance: 0 }),
    create('significance 99', { significance: 99 }),
    create('significance negative', { significance: -3 }),
    create('significance fractional', { significance: 2.5 }),
    create('significance beyond Int', { significance: 2 ** 40 }),
    create('date 2025-13-45', { date: '2025-13-45' }),
    create('date 30 February', { date: '2025-02-30' }),
    create('date 29 February of a common year', { date: '2025-02-29' }),
    create('date 0000-00-00', { date: '0000-00-00' }),
    create('date year 99999', { date: '99999-01-01' }),
    create('date as a word', { date: 'yesterday' }),
    create('date as a number', { date: 20251115 }),
    create('date with a time', { date: '2025-11-15T10:00:00Z' }),
    create('date null', { date: null }),
    create('title null', { title: null }),
    create('title empty', { title: '' }),
    create('title only spaces', { title: '    ' }),
    create('title a number', { title: 12345 }),
    create('title an object', { title: { text: 'x' } }),
    create('title with a null byte', { title: 'Before\u0000after' }),
    create('title with a newline', { title: 'Line\nbreak' }),
    create('title with an escape sequence', { title: 'Red \u001b[31m text' }),
    create('title of 1 MB', { title: 'x'.repeat(MB - 4096) }),
    create('summary of 900 kB', { summary: 'word '.repeat(180_000) }),
    create('externalId of 500 kB', { externalId: 'e'.repeat(500_000) }),
    create('kind unknown', { kind: 'NUKE' }),
    create('kind a number', { kind: 5 }),
    create('kind lower case', { kind: 'statement' }),
    create('unknown front', { fronts: ['atlantis'] }),
    create('front not a slug', { fronts: ['Gaza Strip'] }),
    create('front __proto__', { fronts: ['__proto__'] }),
    create('front constructor', { fronts: ['constructor'] }),
    create('unknown leader', { leaders: ['nobody-at-all'] }),
    create('unknown actor', { actors: ['ghost-army'] }),
    create('unknown region', { regions: ['narnia'] }),
    create('60 fronts', { fronts: Array.from({ length: 60 }, (_, i) => `front-${i}`) }),
    create('fronts a number', { fronts: 7 }),
    create('no sources', { sources: [] }),
    create('sources null', { sources: null }),
    create('source without title', { sources: [{ publisher: 'Wire', url: 'https://example.org' }] }),
    create('source javascript: URL', { sources: [{ publisher: 'Wire', title: 'x', url: 'javascript:alert(1)' }] }),
    create('source URL not a URL', { sources: [{ publisher: 'Wire', title: 'x', url: 'not a url at all' }] }),
    create('source publishedOn impossible', {
      sources: [{ publisher: 'Wire', title: 'x', publishedOn: '2025-02-31' }],
    }),
    create('quote of an unknown leader', { quotes: [{ text: 'x', leader: 'nobody-at-all', source: 0 }] }),
    create('quote with leader and actor', { quotes: [{ text: 'x', leader: 'netanyahu', actor: 'hamas', source: 0 }] }),
    create('quote with no speaker', { quotes: [{ text: 'x', source: 0 }] }),
    create('quote citing source 5', { quotes: [{ text: 'x', actor: 'hamas', source: 5 }] }),
    create('quote citing source -1', { quotes: [{ text: 'x', actor: 'hamas', source: -1 }] }),
    create('quote text empty', { quotes: [{ text: '', actor: 'hamas', source: 0 }] }),
    create('occurredAt not a time', { occurredAt: 'noonish', timezone: 'UTC' }),
    create('occurredAt on another day', { occurredAt: '2025-11-20T10:00:00Z', timezone: 'UTC' }),
    create('occurredAt with a month date', { date: '2025-11', occurredAt: '2025-11-16T10:00:00Z', timezone: 'UTC' }),
    create('timezone unknown', { occurredAt: '2025-11-16T10:00:00Z', timezone: 'Mars/Olympus_Mons' }),
    create('timezone of 10 kB', { occurredAt: '2025-11-16T10:00:00Z', timezone: 'A'.repeat(10_000) }),
    create('an unknown input field', { colour: 'red' }),
    gqlCase('createEvent: input missing', CREATE, {}, e),
    gqlCase('createEvent: input null', CREATE, { input: null }, e),
    gqlCase('createEvent: input a string', CREATE, { input: 'event' }, e),
    gqlCase('createEvent: input a list', CREATE, { input: [eventInput()] }, e),
    {
      name: 'createEvent: input nested 5000 deep',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${e}` },
      body: `{"query": ${JSON.stringify(CREATE)}, "variables": {"input": ${nested(5000)}}}`,
    },
    {
      name: 'briefing: fronts nested 5000 deep',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: `{"query": ${JSON.stringify(BRIEFING)}, "variables": {"date": "2025-11-15", "fronts": ${'['.repeat(5000)}"gaza"${']'.repeat(5000)}}}`,
    },
    gqlCase(
      'createEvent: __proto__ in input',
      CREATE,
      {
        input: JSON.parse(
          `{"__proto__": {"polluted": true}, ${JSON.stringify(eventInput({ title: 'proto' })).slice(1, -1)}, "constructor": {"prototype": {"polluted": true}}}`,
        ) as unknown,
      },
      e,
    ),
    gqlCase('createEvent without a key', CREATE, { input: eventInput() }),
    gqlCase('createEvent with a reader key', CREATE, { input: eventInput() }, keys.reader),
    gqlCase('createEvent with an unknown key', CREATE, { input: eventInput() }, 'sk_not_a_real_key'),
    // ---- other mutations
    gqlCase(
      'updateEvent: unknown id',
      UPDATE,
      { id: '00000000-0000-0000-0000-000000000000', input: { title: 'x' } },
      e,
    ),
    gqlCase('updateEvent: id not a uuid', UPDATE, { id: "1' OR '1'='1", input: { title: 'x' } }, e),
    gqlCase('updateEvent: id of 100 kB', UPDATE, { id: 'i'.repeat(100_000), input: { title: 'x' } }, e),
    gqlCase('updateEvent: id with a null byte', UPDATE, { id: 'abc\u0000def', input: { title: 'x' } }, e),
    gqlCase(
      'deleteEvent: unknown id',
      'mutation { deleteEvent(id: "00000000-0000-0000-0000-000000000000") }',
      undefined,
      e,
    ),
    gqlCase('deleteEvent: SQL in the id', 'mutation { deleteEvent(id: "x\'); DROP TABLE event; --") }', undefined, e),
    gqlCase('deleteEvent: id an object', 'mutation($id: ID!) { deleteEvent(id: $id) }', { id: { a: 1 } }, e),
    gqlCase(
      'importEvents: empty list',
      'mutation($events: [EventCreateInput!]!) { importEvents(events: $events) { created } }',
      { events: [] },
      e,
      { mayAnswer: true },
    ),
    gqlCase(
      'importEvents: without externalId',
      'mutation($events: [EventCreateInput!]!) { importEvents(events: $events) { created } }',
      { events: [eventInput()] },
      e,
    ),
    gqlCase(
      'importEvents: one bad among good',
      'mutation($events: [EventCreateInput!]!) { importEvents(events: $events) { created } }',
      {
        events: [eventInput({ externalId: 'corpus-1' }), eventInput({ externalId: 'corpus-2', date: '2025-02-30' })],
      },
      e,
    ),
    gqlCase(
      'importEvents: repeated externalId',
      'mutation($events: [EventCreateInput!]!) { importEvents(events: $events) { created } }',
      {
        events: [eventInput({ externalId: 'corpus-3' }), eventInput({ externalId: 'corpus-3' })],
      },
      e,
    ),
    gqlCase(
      'upsertFront: slug with spaces',
      'mutation($i: FrontUpsertInput!) { upsertFront(input: $i) { id } }',
      { i: { slug: 'Bad Slug', name: 'x', briefingOrder: 9 } },
      e,
    ),
    gqlCase(
      'upsertFront: slug __proto__',
      'mutation($i: FrontUpsertInput!) { upsertFront(input: $i) { id } }',
      { i: { slug: '__proto__', name: 'x', briefingOrder: 9 } },
      e,
    ),
    gqlCase(
      'setFrontStatus: status kind unknown',
      'mutation($k: FrontStatusKind!) { setFrontStatus(front: "gaza", kind: $k, text: "x", since: "2026-01-01") { id } }',
      { k: 'PEACEFUL' },
      e,
    ),
    gqlCase(
      'upsertLeader: tenure 2025-02-30',
      'mutation($i: LeaderUpsertInput!) { upsertLeader(input: $i) { id } }',
      { i: { slug: 'new-leader', name: 'x', office: 'x', tenureStart: '2025-02-30' } },
      e,
    ),
    gqlCase(
      'upsertLeader: unknown region',
      'mutation($i: LeaderUpsertInput!) { upsertLeader(input: $i) { id } }',
      { i: { slug: 'new-leader', name: 'x', office: 'x', region: 'narnia' } },
      e,
    ),
    gqlCase(
      'upsertLeader: slug of 65 characters',
      'mutation($i: LeaderUpsertInput!) { upsertLeader(input: $i) { id } }',
      { i: { slug: 'a'.repeat(65), name: 'x', office: 'x' } },
      e,
    ),
    gqlCase(
      'upsertActor: kind unknown',
      'mutation($i: ActorUpsertInput!) { upsertActor(input: $i) { id } }',
      { i: { slug: 'new-actor', name: 'x', kind: 'CULT' } },
      e,
    ),
    gqlCase(
      'upsertActor: name of 200 kB',
      'mutation($i: ActorUpsertInput!) { upsertActor(input: $i) { id } }',
      { i: { slug: 'new-actor', name: 'n'.repeat(200_000), kind: 'OTHER' } },
      e,
    ),
    gqlCase(
      'upsertRegion: parent unknown',
      'mutation($i: RegionUpsertInput!) { upsertRegion(input: $i) { id } }',
      { i: { slug: 'new-region', name: 'x', kind: 'COUNTRY', parent: 'narnia' } },
      e,
    ),
    gqlCase(
      'upsertRegion: parent itself',
      'mutation($i: RegionUpsertInput!) { upsertRegion(input: $i) { id } }',
      { i: { slug: 'gaza-strip', name: 'Gaza Strip', kind: 'TERRITORY', parent: 'gaza-strip' } },
      e,
    ),
    gqlCase(
      'upsertRegion: ISO code of 50 characters',
      'mutation($i: RegionUpsertInput!) { upsertRegion(input: $i) { id } }',
      { i: { slug: 'new-region', name: 'x', kind: 'COUNTRY', isoCode: 'X'.repeat(50) } },
      e,
    ),
    gqlCase(
      'sendBriefing: bad recipient',
      'mutation { sendBriefing(date: "2025-11-15", to: ["not an address"]) { id } }',
      undefined,
      e,
    ),
    gqlCase(
      'sendBriefing: header injection',
      'mutation($to: [String!]!) { sendBriefing(date: "2025-11-15", to: $to) { id } }',
      { to: ['a@example.org\r\nBcc: victim@example.org'] },
      e,
    ),
    gqlCase(
      'sendBriefing: impossible date',
      'mutation { sendBriefing(date: "2025-02-30", to: ["a@example.org"]) { id } }',
      undefined,
      e,
    ),
    gqlCase(
      'sendBriefing: no recipients',
      'mutation { sendBriefing(date: "2025-11-15", to: []) { id } }',
      undefined,
      e,
    ),
    // ---- queries
    gqlCase('briefing: 30 February', BRIEFING, { date: '2025-02-30' }),
    gqlCase('briefing: date with a time', BRIEFING, { date: '2025-11-15T00:00:00Z' }),
    gqlCase('briefing: date a number', BRIEFING, { date: 20251115 }),
    gqlCase('briefing: unknown front', BRIEFING, { date: '2025-11-15', fronts: ['atlantis'] }),
    gqlCase('briefing: no fronts', BRIEFING, { date: '2025-11-15', fronts: [] }),
    gqlCase('briefing: 60 fronts', BRIEFING, {
      date: '2025-11-15',
      fronts: Array.from({ length: 60 }, (_, i) => `f${i}`),
    }),
    gqlCase('briefing: front with a null byte', BRIEFING, { date: '2025-11-15', fronts: ['gaza\u0000'] }),
    gqlCase('briefing: timezone unknown', BRIEFING, { date: '2025-11-15', tz: 'Nowhere/City' }),
    gqlCase('briefing: timezone of 100 kB', BRIEFING, { date: '2025-11-15', tz: 'Z'.repeat(100_000) }),
    gqlCase('briefing: timezone with a null byte', BRIEFING, { date: '2025-11-15', tz: 'UTC\u0000' }),
    gqlCase('briefing: timezone of 1 MB of spaces', BRIEFING, { date: '2025-11-15', tz: ' '.repeat(MB - 4096) }),
    gqlCase('briefing: date of 1 MB of "Did you mean"', BRIEFING, { date: 'Did you mean '.repeat(80_000) }),
    gqlCase(
      'events: first a literal of 500 kB of hint words',
      `{ events(first: ${JSON.stringify('Did you mean '.repeat(40_000))}) { totalCount } }`,
    ),
    gqlCase('events: first a 1 MB string of tabs', EVENTS, { first: '\t'.repeat(500_000) }),
    gqlCase('render: format unknown', RENDER, { format: 'DOCX' }),
    gqlCase('render: template unknown', RENDER, { format: 'HTML', template: 'nope' }),
    gqlCase('render: template path traversal', RENDER, { format: 'HTML', template: '../../../etc/passwd' }),
    gqlCase('render: template of another format', RENDER, { format: 'HTML', template: 'default-markdown' }),
    gqlCase('render: template constructor', RENDER, { format: 'HTML', template: 'constructor' }),
    gqlCase('render: paper A0', RENDER, { format: 'PDF', paper: 'A0' }),
    gqlCase('render: paper nonsense on HTML', RENDER, { format: 'HTML', paper: '<x>' }),
    gqlCase(
      'changesSince: not a time',
      'query { briefing(date: "2025-11-15") { changesSince(since: "yesterday") { eventId } } }',
    ),
    gqlCase(
      'changesSince: year 99999',
      'query { briefing(date: "2025-11-15") { changesSince(since: "99999-01-01T00:00:00Z") { eventId } } }',
    ),
    gqlCase('events: first 0', EVENTS, { first: 0 }),
    gqlCase('events: first 101', EVENTS, { first: 101 }),
    gqlCase('events: first negative', EVENTS, { first: -5 }),
    gqlCase('events: first beyond Int', EVENTS, { first: 2 ** 33 }),
    gqlCase('events: first a string', EVENTS, { first: 'ten' }),
    gqlCase('events: cursor garbage', EVENTS, { first: 5, after: 'garbage' }),
    gqlCase('events: before garbage', '{ events(last: 5, before: "garbage") { totalCount } }'),
    gqlCase('events: last 0', '{ events(last: 0) { totalCount } }'),
    gqlCase('events: last 1000', '{ events(last: 1000) { totalCount } }'),
    gqlCase('events: first and last', '{ events(first: 5, last: 5) { totalCount } }'),
    gqlCase('events: cursor base64 of JSON', EVENTS, {
      first: 5,
      after: Buffer.from('{"d":"x","i":1}').toString('base64'),
    }),
    gqlCase('events: cursor with a null byte', EVENTS, { first: 5, after: 'abc\u0000' }),
    gqlCase('events: filter from impossible', EVENTS, { first: 5, filter: { from: '2025-99-99' } }),
    gqlCase('events: filter kinds unknown', EVENTS, { first: 5, filter: { kinds: ['NUKE'] } }),
    gqlCase('events: filter unknown front', EVENTS, { first: 5, filter: { fronts: ['atlantis'] } }),
    gqlCase('events: filter text of 500 kB', EVENTS, { first: 5, filter: { text: 't'.repeat(500_000) } }),
    gqlCase('events: filter text with a null byte', EVENTS, { first: 5, filter: { text: 'gaza\u0000' } }),
    gqlCase('events: filter minSignificance 99', EVENTS, { first: 5, filter: { minSignificance: 99 } }),
    gqlCase('event: id not a uuid', '{ event(id: "not-a-uuid") { id } }', undefined, undefined, { mayAnswer: true }),
    gqlCase('event: id with a null byte', 'query($id: ID!) { event(id: $id) { id } }', { id: 'a\u0000b' }, undefined, {
      mayAnswer: true,
    }),
    gqlCase('front: unknown slug', '{ front(slug: "atlantis") { id } }', undefined, undefined, { mayAnswer: true }),
    gqlCase(
      'front: slug with a null byte',
      'query($s: String!) { front(slug: $s) { id } }',
      { s: 'gaza\u0000' },
      undefined,
      { mayAnswer: true },
    ),
    gqlCase(
      'leader: slug of 100 kB',
      'query($s: String!) { leader(slug: $s) { id } }',
      { s: 'l'.repeat(100_000) },
      undefined,
      { mayAnswer: true },
    ),
    gqlCase('deliveries without a key', '{ deliveries { totalCount } }'),
    gqlCase('deliveries: first 1000', '{ deliveries(first: 1000) { totalCount } }', undefined, e),
    gqlCase('deliveries: cursor garbage', '{ deliveries(after: "garbage") { totalCount } }', undefined, e),
    gqlCase(
      'render: paper as a string literal',
      '{ briefing(date: "2025-11-15") { render(format: PDF, paper: "tabloid") { filename } } }',
    ),
    // ---- GraphQL documents and envelopes
    gqlCase('syntax error', '{ fronts { slug '),
    gqlCase('empty query', ''),
    gqlCase('query a number', 123),
    gqlCase('query null', null),
    gqlCase('unknown field', '{ nope }'),
    gqlCase('unknown argument', '{ fronts(colour: "red") { slug } }'),
    gqlCase('variables a string', BRIEFING, 'not an object'),
    gqlCase('variables a list', BRIEFING, [1, 2, 3]),
    gqlCase('variable undeclared', 'query { briefing(date: $date) { title } }', { date: '2025-11-15' }),
    gqlCase(
      'query nested 200 deep',
      `{ ${'fronts { regions { parent '.repeat(1).trim()}${' parent { '.repeat(200)} slug ${'}'.repeat(200)} } } }`,
    ),
    gqlCase('1000 aliases', `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: fronts { slug }`).join(' ')} }`),
    gqlCase('document of 900 kB', `{ fronts { slug } } ${'# comment\n'.repeat(90_000)}`, undefined, undefined, {
      mayAnswer: true,
    }),
    {
      name: 'unknown operationName',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { fronts { slug } } query B { actors { slug } }', operationName: 'C' }),
    },
    {
      name: 'two operations, no operationName',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { fronts { slug } } query B { actors { slug } }' }),
    },
    {
      name: 'batched request',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ fronts { slug } }' }, { query: '{ actors { slug } }' }]),
    },
    {
      name: 'extensions a string',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ fronts { slug } }', extensions: 'x' }),
    },
    {
      name: 'persisted query hash unknown',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    },
    {
      name: 'persisted query hash not its query’s',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ fronts { slug } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } },
      }),
    },
    {
      name: 'persisted query version 2',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ fronts { slug } }',
        extensions: { persistedQuery: { version: 2, sha256Hash: 'b'.repeat(64) } },
      }),
    },
    gqlCase('subscription over POST', 'subscription { eventChanged { __typename } }'),
    {
      name: 'subscription over GET',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('subscription { eventChanged { __typename } }')}`,
      headers: { 'apollo-require-preflight': 'true' },
    },
    gqlCase('briefing: literal 30 February', '{ briefing(date: "2025-02-30") { title } }'),
    gqlCase(
      'events: literal filter date impossible',
      '{ events(first: 5, filter: { from: "2025-99-99" }) { totalCount } }',
    ),
    // ---- HTTP bodies and content types
    {
      name: 'malformed JSON',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ fronts { slug } }"',
    },
    {
      name: 'JSON with trailing garbage',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ fronts { slug } }"} xyz',
    },
    {
      name: 'JSON a bare string',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: '"{ fronts { slug } }"',
    },
    {
      name: 'JSON null',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: 'null',
    },
    {
      name: 'empty JSON body',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: '',
    },
    {
      name: 'JSON nested 100000 deep',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    },
    {
      name: 'JSON with __proto__ key',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ fronts { slug } }", "__proto__": {"polluted": true}}',
    },
    {
      name: 'bad UTF-8 in the body',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat([
        Buffer.from('{"query": "{ fronts { slug } }", "variables": {"x": "'),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
        Buffer.from('"}}'),
      ]),
    },
    {
      name: 'bad UTF-8 in a mutation',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${e}` },
      body: Buffer.concat(
        JSON.stringify({ query: CREATE, variables: { input: eventInput({ title: 'BADUTF8' }) } })
          .split('BADUTF8')
          .flatMap((part, i) =>
            i === 0 ? [Buffer.from(part)] : [Buffer.from([0x54, 0xc0, 0xaf, 0xff]), Buffer.from(part)],
          ),
      ),
    },
    {
      name: 'lone surrogate escape in a title',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${e}` },
      body: JSON.stringify({ query: CREATE, variables: { input: eventInput({ title: 'TITLE' }) } }).replace(
        'TITLE',
        '\\ud800 lone',
      ),
    },
    {
      name: 'content-type text/plain',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ fronts { slug } }' }),
    },
    {
      name: 'content-type form-urlencoded',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B%20fronts%20%7B%20slug%20%7D%20%7D',
    },
    {
      name: 'content-type multipart',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ fronts { slug } }"}\r\n--x--\r\n',
    },
    {
      name: 'content-type application/xml',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/xml' },
      body: '<query>{ fronts { slug } }</query>',
    },
    {
      name: 'no content-type',
      method: 'POST',
      path: '/graphql',
      body: JSON.stringify({ query: '{ fronts { slug } }' }),
    },
    {
      name: 'content-type charset utf-99',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json; charset=utf-99' },
      body: JSON.stringify({ query: '{ fronts { slug } }' }),
      mayAnswer: true,
    },
    {
      name: 'content-type garbage',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': ';;;===' },
      body: JSON.stringify({ query: '{ fronts { slug } }' }),
    },
    {
      name: 'body over 1 MB',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ fronts { slug } }', variables: { x: 'x'.repeat(MB + 10) } }),
    },
    {
      name: 'content-length lies (too long)',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', 'content-length': String(50 * MB) },
      body: '{}',
    },
    // ---- methods
    {
      name: 'mutation over GET',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('mutation { deleteEvent(id: "x") }')}`,
      headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${e}` },
    },
    {
      name: 'GET without preflight header',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('{ fronts { slug } }')}`,
    },
    {
      name: 'GET with variables not JSON',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent(BRIEFING)}&variables=%7Bnot-json`,
      headers: { 'apollo-require-preflight': 'true' },
    },
    { name: 'GET with no query', method: 'GET', path: '/graphql', headers: { 'apollo-require-preflight': 'true' } },
    {
      name: 'GET with a null byte in the query',
      method: 'GET',
      path: '/graphql?query=%7B%20fronts%00%20%7D',
      headers: { 'apollo-require-preflight': 'true' },
    },
    {
      name: 'PUT /graphql',
      method: 'PUT',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ fronts { slug } }' }),
    },
    { name: 'DELETE /graphql', method: 'DELETE', path: '/graphql' },
    {
      name: 'PATCH /graphql',
      method: 'PATCH',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    },
    {
      name: 'POST /healthz',
      method: 'POST',
      path: '/healthz',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    },
    { name: 'DELETE /briefings/2025-11-15.html', method: 'DELETE', path: '/briefings/2025-11-15.html' },
    {
      name: 'POST /briefings/2025-11-15.html',
      method: 'POST',
      path: '/briefings/2025-11-15.html',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    },
    // ---- downloads: paths and parameters
    { name: 'download: 30 February', method: 'GET', path: '/briefings/2025-02-30.html' },
    { name: 'download: not a date', method: 'GET', path: '/briefings/latest.html' },
    { name: 'download: unknown extension', method: 'GET', path: '/briefings/2025-11-15.docx' },
    { name: 'download: no extension', method: 'GET', path: '/briefings/2025-11-15' },
    { name: 'download: empty name', method: 'GET', path: '/briefings/' },
    { name: 'download: only a dot', method: 'GET', path: '/briefings/.html' },
    { name: 'download: traversal', method: 'GET', path: '/briefings/../../etc/passwd' },
    { name: 'download: encoded traversal', method: 'GET', path: '/briefings/..%2F..%2Fetc%2Fpasswd.html' },
    { name: 'download: null byte', method: 'GET', path: '/briefings/2025-11-15%00.html' },
    { name: 'download: bad percent-encoding', method: 'GET', path: '/briefings/%E0%A4%A.html' },
    { name: 'download: overlong UTF-8 in the path', method: 'GET', path: '/briefings/%C0%AE%C0%AE.html' },
    { name: 'download: name of 10 kB', method: 'GET', path: `/briefings/${'2'.repeat(10_000)}.html` },
    { name: 'download: unknown front', method: 'GET', path: '/briefings/2025-11-15.html?fronts=atlantis' },
    {
      name: 'download: 60 fronts',
      method: 'GET',
      path: `/briefings/2025-11-15.html?fronts=${Array.from({ length: 60 }, (_, i) => `f${i}`).join(',')}`,
    },
    { name: 'download: front __proto__', method: 'GET', path: '/briefings/2025-11-15.html?fronts=__proto__' },
    { name: 'download: front with a null byte', method: 'GET', path: '/briefings/2025-11-15.html?fronts=gaza%00' },
    { name: 'download: timezone unknown', method: 'GET', path: '/briefings/2025-11-15.html?tz=Mars%2FOlympus' },
    { name: 'download: timezone twice', method: 'GET', path: '/briefings/2025-11-15.html?tz=UTC&tz=Asia%2FJerusalem' },
    { name: 'download: timezone of 5 kB', method: 'GET', path: `/briefings/2025-11-15.txt?tz=${'Z'.repeat(5_000)}` },
    // ---- timezones just past the length bound (refused before any lookup), in every place one is taken
    {
      name: 'download: timezone of 65 characters',
      method: 'GET',
      path: `/briefings/2025-11-15.txt?tz=Asia%2F${'x'.repeat(60)}`,
    },
    gqlCase('briefing: timezone of 65 characters', BRIEFING, { date: '2025-11-15', tz: `Asia/${'x'.repeat(60)}` }),
    gqlCase('briefing: timezone padded past 64 characters', BRIEFING, {
      date: '2025-11-15',
      tz: `Asia/Jerusalem${' '.repeat(60)}`,
    }),
    create('timezone of 65 characters', { occurredAt: '2025-11-16T10:00:00Z', timezone: `America/${'a'.repeat(57)}` }),
    { name: 'download: template unknown', method: 'GET', path: '/briefings/2025-11-15.html?template=nope' },
    {
      name: 'download: template of another format',
      method: 'GET',
      path: '/briefings/2025-11-15.html?template=default-markdown',
    },
    {
      name: 'download: template traversal',
      method: 'GET',
      path: '/briefings/2025-11-15.html?template=..%2F..%2Fpackage',
    },
    {
      name: 'download: template twice',
      method: 'GET',
      path: '/briefings/2025-11-15.md?template=default-markdown&template=x',
    },
    { name: 'download: paper A0', method: 'GET', path: '/briefings/2025-11-15.pdf?paper=A0' },
    { name: 'download: paper nonsense on text', method: 'GET', path: '/briefings/2025-11-15.txt?paper=%3Cx%3E' },
    {
      name: 'download: query string bracket syntax',
      method: 'GET',
      path: '/briefings/2025-11-15.html?fronts[a]=gaza&tz[]=UTC',
      mayAnswer: true,
    },
    {
      name: 'download: unknown key',
      method: 'GET',
      path: '/briefings/2025-11-15.html',
      headers: { authorization: 'Bearer sk_nope' },
    },
    {
      name: 'download: Bearer with no token',
      method: 'GET',
      path: '/briefings/2025-11-15.html',
      headers: { authorization: 'Bearer ' },
    },
    {
      name: 'download: If-None-Match garbage',
      method: 'GET',
      path: '/briefings/2025-02-31.txt',
      headers: { 'if-none-match': '"\\", W/, *x, ' + 'W/"x",'.repeat(2000) },
    },
    { name: 'explorer: unknown file', method: 'GET', path: '/graphql-explorer/__proto__' },
    { name: 'explorer: traversal', method: 'GET', path: '/graphql-explorer/..%2F..%2Fpackage.json' },
    { name: 'unknown route', method: 'GET', path: '/admin' },
    { name: 'unknown route with traversal', method: 'GET', path: '/../../../../etc/passwd' },
    // ---- Host headers
    ...['a b', '[::1', '127.0.0.1:4000@evil.example', 'evil.example/x', 'host:99999', 'a\tb'].map((host): Case => ({
      ...gqlCase(`Host ${JSON.stringify(host)} on /graphql`, RENDER, { format: 'TEXT' }),
      headers: { 'content-type': 'application/json', host },
    })),
    {
      name: 'Host with userinfo on a download',
      method: 'GET',
      path: '/briefings/2025-11-15.txt',
      headers: { host: 'user@evil.example' },
    },
    { name: 'Host with a space on /healthz', method: 'GET', path: '/healthz', headers: { host: 'a b' } },
    // ---- bidi and other invisible control characters
    create('title with a right-to-left override', { title: 'Ceasefire \u202Eesaeler\u202C holds' }),
    create('title with a first strong isolate', { title: 'a\u2068b\u2069' }),
    create('title with NEL', { title: 'Line\u0085break' }),
    create('title with a line separator', { title: 'Line\u2028break' }),
    create('title with a paragraph separator', { title: 'Line\u2029break' }),
    create('title with a C1 CSI', { title: 'Red \u009B31m text' }),
    create('publisher with a right-to-left isolate', { sources: [{ publisher: 'Wire\u2067', title: 'x' }] }),
    create('summary with a right-to-left override', { summary: 'First line.\nSecond \u202Eline.' }),
    create('quote with a left-to-right isolate', { quotes: [{ text: 'قال\u2066 x', actor: 'hamas', source: 0 }] }),
    gqlCase(
      'upsertFront: name with a right-to-left override',
      'mutation($i: FrontUpsertInput!) { upsertFront(input: $i) { id } }',
      {
        i: {
          slug: 'new-front',
          name: 'Front\u202E',
          briefingOrder: 9,
        },
      },
      e,
    ),
    gqlCase(
      'upsertLeader: name with NEL',
      'mutation($i: LeaderUpsertInput!) { upsertLeader(input: $i) { id } }',
      { i: { slug: 'new-leader', name: 'A\u0085B', office: 'x' } },
      e,
    ),
    // ---- credentials in URLs
    create('source URL with user and password', {
      sources: [{ publisher: 'Wire', title: 'x', url: 'https://user:pass@example.org/' }],
    }),
    create('source URL with a user only', {
      sources: [{ publisher: 'Wire', title: 'x', url: 'https://user@example.org/' }],
    }),
    create('source URL with a password only', {
      sources: [{ publisher: 'Wire', title: 'x', url: 'http://:secret@example.org/a' }],
    }),
  ];
  cases.push(...integrityCases(keys), ...editorialCases(keys));
  return cases;
}

/**
 * The classes above through the later inputs: assessments, a front's dated records, editions and their downloads,
 * and the change lists beside changesSince (invisible controls, lengths past their limits, stale revisions,
 * impossible dates and instants, unknown ids and fronts, timezones that are none, traversal).
 */
function editorialCases(keys: Keys): Case[] {
  const e = keys.editor;
  const RECORD = 'mutation($i: AssessmentInput!) { recordAssessment(input: $i) { id } }';
  const REPLACE =
    'mutation($id: ID!, $i: AssessmentInput!, $rev: Int) { updateAssessment(id: $id, input: $i, expectedRevision: $rev) { id } }';
  const DELETE_ASSESSMENT = 'mutation($id: ID!, $r: String) { deleteAssessment(id: $id, reason: $r) }';
  const STATUS =
    'mutation($f: String!, $t: String!, $s: PartialDate!) { setFrontStatus(front: $f, kind: TENSION, text: $t, since: $s) { id } }';
  const ISSUE = 'mutation($t: String!) { openFrontIssue(front: "gaza", text: $t, opened: "2025-11-15") { id } }';
  const RESOLVE = 'mutation($id: ID!) { resolveFrontIssue(id: $id, resolved: "2025-11-15") { id } }';
  const CONTEXT = 'mutation($t: String!) { addFrontContext(front: "gaza", text: $t, validFrom: "2025-11-15") { id } }';
  const RETIRE = 'mutation($id: ID!) { retireFrontContext(id: $id, retired: "2025-11-15") { id } }';
  const PUBLISH =
    'mutation($d: Date!, $f: [String!], $tz: String, $c: DateTime) { publishEdition(date: $d, fronts: $f, timezone: $tz, cutoff: $c) { id } }';
  const DIFF = 'query($a: ID!, $b: ID!) { editionDiff(from: $a, to: $b) { from { id } } }';
  const assessment = (overrides: Record<string, unknown>): Record<string, unknown> => ({
    date: '2025-11-15',
    confidence: 'LIKELY',
    text: 'The crossing reopens this week.',
    fronts: ['gaza'],
    ...overrides,
  });
  const unknownId = '00000000-0000-4000-8000-000000000000';
  const cases: Case[] = [
    gqlCase('recordAssessment: text with U+202E', RECORD, { i: assessment({ text: 'a \u202Eb\u202C c' }) }, e),
    gqlCase('recordAssessment: text of 2001 characters', RECORD, { i: assessment({ text: 'A'.repeat(2001) }) }, e),
    gqlCase('recordAssessment: text of 1 MB of spaces', RECORD, { i: assessment({ text: ' '.repeat(MB - 4096) }) }, e),
    gqlCase('recordAssessment: no fronts', RECORD, { i: assessment({ fronts: [] }) }, e),
    gqlCase('recordAssessment: unknown front', RECORD, { i: assessment({ fronts: ['atlantis'] }) }, e),
    gqlCase('recordAssessment: date a month', RECORD, { i: assessment({ date: '2025-11' }) }, e),
    gqlCase('recordAssessment: date 30 February', RECORD, { i: assessment({ date: '2025-02-30' }) }, e),
    gqlCase('recordAssessment: confidence unknown', RECORD, { i: assessment({ confidence: 'CERTAIN' }) }, e),
    gqlCase(
      'recordAssessment: source URL with credentials',
      RECORD,
      { i: assessment({ sources: [{ publisher: 'P', title: 'T', url: 'https://u:p@example.org/' }] }) },
      e,
    ),
    gqlCase('recordAssessment: reader key', RECORD, { i: assessment({}) }, keys.reader),
    gqlCase('updateAssessment: unknown id', REPLACE, { id: unknownId, i: assessment({}) }, e),
    gqlCase('updateAssessment: id of 10 kB', REPLACE, { id: 'a'.repeat(10_000), i: assessment({}) }, e),
    gqlCase('updateAssessment: expectedRevision 0', REPLACE, { id: unknownId, i: assessment({}), rev: 0 }, e),
    gqlCase('deleteAssessment: unknown id', DELETE_ASSESSMENT, { id: unknownId }, e),
    gqlCase('deleteAssessment: reason with U+2028', DELETE_ASSESSMENT, { id: unknownId, r: 'a\u2028b' }, e),
    gqlCase('setFrontStatus: text with U+2028', STATUS, { f: 'gaza', t: 'a\u2028b', s: '2030-01-01' }, e),
    gqlCase('setFrontStatus: text of 201 characters', STATUS, { f: 'gaza', t: 'S'.repeat(201), s: '2030-01-01' }, e),
    gqlCase('setFrontStatus: since before the current period', STATUS, { f: 'gaza', t: 'x', s: '1990' }, e),
    gqlCase('setFrontStatus: since 30 February', STATUS, { f: 'gaza', t: 'x', s: '2030-02-30' }, e),
    gqlCase('setFrontStatus: unknown front', STATUS, { f: 'atlantis', t: 'x', s: '2030-01-01' }, e),
    gqlCase('setFrontStatus: front __proto__', STATUS, { f: '__proto__', t: 'x', s: '2030-01-01' }, e),
    gqlCase('openFrontIssue: text with NEL', ISSUE, { t: 'a\u0085b' }, e),
    gqlCase('openFrontIssue: text of 501 characters', ISSUE, { t: 'I'.repeat(501) }, e),
    gqlCase('resolveFrontIssue: id not a UUID', RESOLVE, { id: '../../etc/passwd' }, e),
    gqlCase('resolveFrontIssue: unknown id', RESOLVE, { id: unknownId }, e),
    gqlCase('addFrontContext: text with U+2066', CONTEXT, { t: 'a\u2066b\u2069' }, e),
    gqlCase('addFrontContext: text of 5001 characters', CONTEXT, { t: 'C'.repeat(5001) }, e),
    gqlCase('retireFrontContext: unknown id', RETIRE, { id: unknownId }, e),
    gqlCase('publishEdition: cutoff in the future', PUBLISH, { d: '2025-11-15', c: '2999-01-01T00:00:00Z' }, e),
    gqlCase('publishEdition: cutoff before any data', PUBLISH, { d: '2025-11-15', c: '2001-01-01T00:00:00Z' }, e),
    gqlCase('publishEdition: cutoff without an offset', PUBLISH, { d: '2025-11-15', c: '2025-11-15T10:00:00' }, e),
    gqlCase('publishEdition: timezone of 65 characters', PUBLISH, { d: '2025-11-15', tz: 'Z'.repeat(65) }, e),
    gqlCase('publishEdition: timezone unknown', PUBLISH, { d: '2025-11-15', tz: 'Mars/Olympus_Mons' }, e),
    gqlCase('publishEdition: unknown front', PUBLISH, { d: '2025-11-15', f: ['atlantis'] }, e),
    gqlCase('publishEdition: date 30 February', PUBLISH, { d: '2025-02-30' }, e),
    gqlCase('publishEdition: reader key', PUBLISH, { d: '2025-11-15' }, keys.reader),
    gqlCase('publishEdition: no key', PUBLISH, { d: '2025-11-15' }),
    gqlCase('editionDiff: unknown ids', DIFF, { a: unknownId, b: unknownId }, e),
    gqlCase('editionDiff: ids of 10 kB', DIFF, { a: 'a'.repeat(10_000), b: 'b'.repeat(10_000) }, e),
    gqlCase('edition: id of 10 kB', 'query($id: ID!) { edition(id: $id) { id } }', { id: 'x'.repeat(10_000) }),
    gqlCase(
      'frontChangesSince: not a time',
      'query { briefing(date: "2025-11-15") { frontChangesSince(since: "yesterday") { recordId } } }',
    ),
    gqlCase(
      'assessmentChangesSince: year 99999',
      'query { briefing(date: "2025-11-15") { assessmentChangesSince(since: "99999-01-01T00:00:00Z") { assessmentId } } }',
    ),
    gqlCase(
      'briefing asOf: anonymous',
      'query { briefing(date: "2025-11-15", asOf: "2025-11-15T00:00:00Z") { title } }',
    ),
    { name: 'edition download: traversal', method: 'GET', path: '/editions/..%2F..%2Fpackage.json' },
    { name: 'edition download: unknown extension', method: 'GET', path: `/editions/${unknownId}.docx` },
    { name: 'edition download: unknown id', method: 'GET', path: `/editions/${unknownId}.html` },
    { name: 'edition download: null byte', method: 'GET', path: `/editions/${unknownId}%00.html` },
    { name: 'latest edition: 30 February', method: 'GET', path: '/editions/latest/2025-02-30.html' },
    { name: 'latest edition: unknown front', method: 'GET', path: '/editions/latest/2025-11-15.html?fronts=atlantis' },
    { name: 'latest edition: timezone unknown', method: 'GET', path: '/editions/latest/2025-11-15.html?tz=Mars%2FO' },
    { name: 'latest edition: timezone twice', method: 'GET', path: '/editions/latest/2025-11-15.html?tz=UTC&tz=UTC' },
  ];
  if (keys.assessment !== undefined) {
    const { id, revision } = keys.assessment;
    cases.push(
      gqlCase('updateAssessment: stale expectedRevision', REPLACE, { id, i: assessment({}), rev: revision + 5 }, e),
    );
  }
  return cases;
}

/** Data integrity: values that outgrow a column once normalised, stale revisions, quotes left without a source. */
function integrityCases(keys: Keys): Case[] {
  const e = keys.editor;
  const UPDATE_AT =
    'mutation($id: ID!, $input: EventUpdateInput!, $rev: Int) { updateEvent(id: $id, input: $input, expectedRevision: $rev) { id } }';
  const cases: Case[] = [
    gqlCase(
      'createEvent: a URL that outgrows 2000 characters once normalised',
      CREATE,
      {
        input: eventInput({
          sources: [{ publisher: 'P', title: 'T', url: `https://example.org/${'a b'.repeat(660)}` }],
        }),
      },
      e,
    ),
    gqlCase(
      'createEvent: quote sourceUrl citing no source',
      CREATE,
      { input: eventInput({ quotes: [{ text: 'x', actor: 'hamas', sourceUrl: 'https://example.org/elsewhere' }] }) },
      e,
    ),
    gqlCase(
      'createEvent: quote with both source and sourceUrl',
      CREATE,
      {
        input: eventInput({
          quotes: [{ text: 'x', actor: 'hamas', source: 0, sourceUrl: 'https://example.org/report' }],
        }),
      },
      e,
    ),
    gqlCase(
      'createEvent: quote sourceUrl not a URL',
      CREATE,
      { input: eventInput({ quotes: [{ text: 'x', actor: 'hamas', sourceUrl: 'javascript:alert(1)' }] }) },
      e,
    ),
    gqlCase(
      'updateEvent: expectedRevision 0',
      UPDATE_AT,
      { id: keys.quotedEvent?.id ?? 'none', input: { title: 'x' }, rev: 0 },
      e,
    ),
  ];
  if (keys.quotedEvent !== undefined) {
    const { id, revision } = keys.quotedEvent;
    cases.push(
      gqlCase(
        'updateEvent: stale expectedRevision',
        UPDATE_AT,
        { id, input: { title: 'Stale edit' }, rev: revision + 5 },
        e,
      ),
      gqlCase(
        'updateEvent: sources replaced, dropping the quoted one',
        UPDATE,
        { id, input: { sources: [{ publisher: 'P', title: 'T', url: 'https://example.org/only-new' }] } },
        e,
      ),
    );
  }
  return cases;
}

/** What is wrong with an answer, or null when it is a proper refusal. */
function judge(c: Case, response: RawResponse): string | null {
  if (response.status >= 500) return `status ${response.status}: ${response.body.slice(0, 300)}`;
  if (/\bat .+\.(?:ts|js):\d+|QueryFailedError|SQLITE_|SELECT .* FROM|node_modules/.test(response.body))
    return `leaks internals: ${response.body.slice(0, 300)}`;
  // A 4xx in plain text (Fastify's, the downloads') is a refusal; a 4xx GraphQL answer must carry client codes too.
  if (response.status >= 400 && !/^\s*\{/.test(response.body)) return null;
  if (c.mayAnswer && !/^\s*[{[]/.test(response.body)) return null;
  let parsed: { errors?: { extensions?: { code?: string } }[]; data?: unknown };
  try {
    parsed = JSON.parse(response.body) as typeof parsed;
  } catch {
    if (response.status >= 400) return null;
    return `status ${response.status} with a body that is not a GraphQL response: ${response.body.slice(0, 200)}`;
  }
  if (response.status >= 400 && parsed.errors === undefined) return null;
  const errors = parsed.errors ?? [];
  const internal = errors.find(
    (error) => error.extensions?.code === undefined || error.extensions.code === 'INTERNAL_SERVER_ERROR',
  );
  if (internal !== undefined) return `an error without a client code: ${JSON.stringify(internal)}`;
  if (errors.length === 0 && !c.mayAnswer) return `accepted: ${response.body.slice(0, 200)}`;
  return null;
}

describeEachDatabase('bad-input corpus over HTTP', (kind) => {
  let server: TestServer;
  let corpus: Case[];

  beforeAll(async () => {
    // Rate limits off: the corpus is about what each request does, not how many there are.
    server = await startTestServer(kind, { SITREP_RATE_LIMIT_MUTATIONS: '0', SITREP_RATE_LIMIT_RENDERS: '0' });
    const quote = await server.services.db.manager.findOne(Quote, { where: {} });
    const quoted = quote === null ? null : await server.services.events.byId(quote.eventId);
    // The seed data has quoted events; without one the corpus would quietly lose its revision and quote cases.
    expect(quoted).not.toBeNull();
    const recorded = await server.services.assessments.record({
      date: '2025-11-15',
      confidence: 'UNLIKELY',
      text: 'The talks resume this week.',
      fronts: ['gaza'],
    });
    corpus = buildCorpus({
      editor: server.editorKey,
      reader: server.readerKey,
      quotedEvent: quoted ?? undefined,
      assessment: { id: recorded.id, revision: recorded.revision },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('holds at least 100 cases, each named once', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  });

  it('answers every case with a 4xx or a coded GraphQL error, logs none as an error, stays up, and changes no stored byte', async () => {
    const errorsLogged = jest.spyOn(server.runtime.log, 'error');
    const before = await dumpTables(server.services.db);
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    for (const c of corpus) {
      let response: RawResponse;
      try {
        response = await rawRequest(server.url, c);
      } catch (error) {
        failures.push(`${c.name}: no answer (${(error as Error).message})`);
        continue;
      }
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      const problem = judge(c, response);
      if (problem !== null) failures.push(`${c.name}: ${problem}`);
      const health = await rawRequest(server.url, { method: 'GET', path: '/healthz' });
      if (health.status !== 200) failures.push(`${c.name}: /healthz answered ${health.status} afterwards`);
    }
    const logged = errorsLogged.mock.calls.map(([message]) => message);
    errorsLogged.mockRestore();
    expect(failures).toEqual([]);
    // A client's mistake is no server fault: nothing the corpus sends may be logged as one.
    expect(logged).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const after = await dumpTables(server.services.db);
    expect(after === before).toBe(true);
    const ready = await rawRequest(server.url, { method: 'GET', path: '/readyz' });
    expect(ready.status).toBe(200);
    process.stdout.write(`[${kind}] ${corpus.length} bad inputs, statuses: ${JSON.stringify(statuses)}\n`);
  }, 300_000);
});
