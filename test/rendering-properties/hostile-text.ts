import fc from 'fast-check';
import type { Briefing, BriefingPerson } from '../../src/briefings/briefing';
import { briefing20251115 } from '../fixtures/briefing-2025-11-15';

/**
 * Generators of hostile event text for the property tests: markup, template syntax, Markdown syntax, control
 * characters, right-to-left text and bidi overrides, very long words, and arbitrary Unicode, mixed freely.
 */

const MARKUP = [
  '<script>alert(1)</script>',
  '<script src=//evil.example/x.js>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '</li></ul><h1>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<style>*{display:none}</style>',
  '"><b>',
  "'><i>",
  '&lt;',
  '&amp;',
  '&#60;script&#62;',
  '<',
  '>',
  '"',
  "'",
  '`',
  '=',
];
const TEMPLATE = [
  '{{',
  '}}',
  '{{{',
  '}}}',
  '{{constructor.constructor}}',
  '{{constructor.constructor "return process"}}',
  '{{> gaza}}',
  '{{__proto__}}',
  '{{#with "constructor"}}{{this}}{{/with}}',
  "{{lookup this '__proto__'}}",
  '{{!-- x --}}',
  '\\{{escaped}}',
  '{{else}}',
  '{{/each}}',
  '${process.exit()}',
];
const MARKDOWN = [
  '# ',
  '## Heading',
  '\n# ',
  '\n- item',
  '\n1. item',
  '\n> quote',
  '\n===',
  '\n---',
  '\n```\ncode',
  '*em*',
  '**strong**',
  '_u_',
  '__u__',
  '[link](javascript:alert(1))',
  '![img](x onerror=alert(1))',
  '<https://evil.example>',
  '[^1]',
  '[^9]: note',
  '| a | b |',
  '\\',
  '~~s~~',
  '    indented',
  '<div>',
  '&copy;',
  '\n\n',
  '  \n',
];
const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\u000B',
  '\f',
  '\r',
  '\r\n',
  '\u001B[31m',
  '\u001B]0;title\u0007',
  '\u007F',
  '\u0085',
  '\u2028',
  '\u2029',
  '\uFEFF',
  '\u200B',
];
const RTL = [
  'مرحبا بالعالم',
  'وقف إطلاق النار في غزة',
  'שלום עולם',
  'הפסקת אש',
  '\u202E',
  '\u202D',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u2066',
  '\u2067',
  '\u2069',
  '\u200F',
  '\u200E',
  '\u061C',
  'abc\u202Egnp.exe',
  'ﷺ',
  'ـــــ',
];

const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 3, arbitrary: fc.constantFrom(...TEMPLATE) },
  { weight: 2, arbitrary: fc.constantFrom(...MARKDOWN) },
  { weight: 2, arbitrary: fc.constantFrom(...CONTROL) },
  { weight: 2, arbitrary: fc.constantFrom(...RTL) },
  // Very long words: no space to break at, URL-like or not.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('x', 'ا', 'ש', 'é', '/', '-', '😀'), fc.integer({ min: 79, max: 600 }))
      .map(([c, n]) => c.repeat(n)),
  },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 400 }).map((n) => `https://example.org/${'a/'.repeat(n)}`) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
  { weight: 2, arbitrary: fc.constantFrom(' ', '  ', 'word', 'Gaza', 'and') },
);

/** Non-empty hostile text: a letter first, so that every optional block of the templates shows. */
export const hostileText: fc.Arbitrary<string> = fc
  .array(fragment, { minLength: 1, maxLength: 12 })
  .map((parts) => `A${parts.join('')}`);

export interface HostileFields {
  title: string;
  summary: string;
  quote: string;
  speaker: string;
  sourceTitle: string;
  publisher: string;
  frontName: string;
  openIssue: string;
  /** An assessment's judgement, in the key takeaways after its estimative term. */
  assessment: string;
}

export const hostileFields: fc.Arbitrary<HostileFields> = fc.record({
  title: hostileText,
  summary: hostileText,
  quote: hostileText,
  speaker: hostileText,
  sourceTitle: hostileText,
  publisher: hostileText,
  frontName: hostileText,
  openIssue: hostileText,
  assessment: hostileText,
});

/** The same shape of fields, all plain text: the reference rendering the hostile one is compared with. */
export const PLAIN_FIELDS: HostileFields = {
  title: 'Atitle',
  summary: 'Asummary',
  quote: 'Aquote',
  speaker: 'Aspeaker',
  sourceTitle: 'Asource',
  publisher: 'Apublisher',
  frontName: 'Afront',
  openIssue: 'Aissue',
  assessment: 'Aassessment',
};

/** The fixture briefing with every event, quote, speaker, source and assessment carrying the given text. */
export function briefingWith(fields: HostileFields): Briefing {
  const b = briefing20251115();
  const renamed = new WeakSet<BriefingPerson>();
  const rename = (p: BriefingPerson): void => {
    if (renamed.has(p)) return;
    renamed.add(p);
    p.name = fields.speaker;
  };
  for (const section of b.sections) {
    section.front.name = fields.frontName;
    section.front.openIssues = section.front.openIssues.map(() => fields.openIssue);
    section.front.openIssueItems = section.front.openIssueItems.map((item) => ({ ...item, text: fields.openIssue }));
    for (const event of [...section.today, ...section.recent, ...section.background]) {
      event.title = fields.title;
      event.summary = fields.summary;
      for (const quote of event.quotes) {
        quote.text = fields.quote;
        rename(quote.speaker);
      }
      event.leaders.forEach(rename);
      event.actors.forEach(rename);
    }
    for (const quote of section.quotes) {
      quote.text = fields.quote;
      rename(quote.speaker);
    }
    section.leaders.forEach(rename);
    section.actors.forEach(rename);
  }
  for (const takeaway of b.keyTakeaways) {
    takeaway.text =
      takeaway.kind === 'ASSESSMENT' ? `Assessment (${takeaway.confidenceTerm}): ${fields.assessment}` : fields.title;
    takeaway.frontName = fields.frontName;
  }
  for (const source of b.sources) {
    source.title = fields.sourceTitle;
    source.publisher = fields.publisher;
  }
  return b;
}
