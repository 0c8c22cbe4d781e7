import fc from 'fast-check';
import { encodedBytes, stringifyResult } from '../../src/graphql/stringify-result';

const reference = (value: unknown): string => `${JSON.stringify(value)}\n`;

describe('GraphQL result serialisation (cached encodings of long strings)', () => {
  const body = `<p class="x">"quoted" \\ back\nslash</p>\u2028${'é'.repeat(5_000)}`;

  it('writes exactly what JSON.stringify writes, the first time and from its cache', () => {
    const result = { data: { briefing: { render: { format: 'HTML', body, filename: 'a.html' } } } };
    expect(stringifyResult(result)).toBe(reference(result));
    expect(stringifyResult(result)).toBe(reference(result));
    // An equal string that is another object finds the same encoding.
    const copy = {
      data: {
        briefing: { render: { format: 'HTML', body: `${body.slice(0, 10)}${body.slice(10)}`, filename: 'a.html' } },
      },
    };
    expect(stringifyResult(copy)).toBe(reference(copy));
  });

  it('keeps data that looks like its internal marker as data', () => {
    const result = { data: { a: body, b: 'sitrep-json-00000000000000000000000000000000-0', c: [body, `${body}!`] } };
    expect(stringifyResult(result)).toBe(reference(result));
  });

  it('agrees with JSON.stringify on any JSON value, long strings included', () => {
    const longString = fc.string({ minLength: 4_096, maxLength: 6_000, unit: 'binary' });
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary' }),
        longString,
        fc.integer(),
        fc.double({ noNaN: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 6 }),
        fc.dictionary(fc.string(), tie('node'), { maxKeys: 6 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => stringifyResult({ data: v }) === reference({ data: v })),
      { numRuns: 300 },
    );
  });

  it('hands the socket the UTF-8 bytes of the very result it returned, once', () => {
    const lone = `${'\ud83d'}${'x'.repeat(4_100)}${'\udc00'}`;
    const result = { data: { a: body, b: [lone, '😀 ok'], c: 'short' } };
    const text = stringifyResult(result);
    expect(encodedBytes(text)?.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(encodedBytes(text)).toBeUndefined();
    // A result without long strings has nothing cached to send.
    expect(encodedBytes(stringifyResult({ data: { a: 'short' } }))).toBeUndefined();
  });

  it('gives bytes that decode to JSON.stringify for any value with long strings', () => {
    const longString = fc.string({ minLength: 4_096, maxLength: 6_000, unit: 'binary' });
    fc.assert(
      fc.property(fc.array(fc.oneof(longString, fc.string({ unit: 'binary' })), { maxLength: 5 }), (v) => {
        const text = stringifyResult({ data: v });
        const bytes = encodedBytes(text);
        return bytes === undefined || bytes.equals(Buffer.from(reference({ data: v }), 'utf8'));
      }),
      { numRuns: 200 },
    );
  });
});
