import { enforceWidth, normaliseInline, wrapParagraph } from '../../src/output/templates/text-wrap';

describe('text wrapping', () => {
  it('wraps at the width with a hanging indent under the prefix', () => {
    const out = wrapParagraph('one two three four five six seven', { width: 16, prefix: '  * ' });
    expect(out).toBe('  * one two\n    three four\n    five six\n    seven');
  });

  it('never breaks a URL: one longer than a line gets a line of its own', () => {
    const out = wrapParagraph('see https://example.org/a-long-path/with-parts and more', { width: 20, prefix: '[3] ' });
    expect(out.split('\n')).toEqual(['[3] see', '    https://example.org/a-long-path/with-parts', '    and more']);
  });

  it('hard-breaks any other word longer than a line, preferring separators', () => {
    const out = wrapParagraph('see example.org/a-long-path/with-parts', { width: 20 });
    for (const line of out.split('\n')) expect([...line].length).toBeLessThanOrEqual(20);
    expect(out.replace(/\n/g, '')).toBe('seeexample.org/a-long-path/with-parts');
    expect(out.split('\n')[1]).toBe('example.org/a-long-');
  });

  it('breaks a word with no separator at the width exactly', () => {
    expect(wrapParagraph('x'.repeat(25), { width: 10 })).toBe('xxxxxxxxxx\nxxxxxxxxxx\nxxxxx');
  });

  it('counts code points, not UTF-16 units', () => {
    const line = wrapParagraph('é'.repeat(10) + ' ' + '😀'.repeat(5), { width: 16 });
    expect(line.split('\n')).toEqual(['é'.repeat(10) + ' ' + '😀'.repeat(5)]);
  });

  it('flattens whitespace and drops control characters', () => {
    expect(normaliseInline(' a\n\tb\r\n c\u001b[31m d\u0007 ')).toBe('a b c [31m d');
  });

  it('prints the prefix alone for empty text', () => {
    expect(wrapParagraph('', { prefix: '  * ' })).toBe('  *');
  });

  it('enforceWidth re-wraps only the lines that are too long, keeping their indentation', () => {
    const text = `short\n    ${'word '.repeat(30)}\nend`;
    const out = enforceWidth(text, 40);
    expect(out.split('\n')[0]).toBe('short');
    expect(
      out
        .split('\n')
        .slice(1, -1)
        .every((l) => l.startsWith('    word') && l.length <= 40),
    ).toBe(true);
    expect(out.endsWith('\nend')).toBe(true);
  });
});
