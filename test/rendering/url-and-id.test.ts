import { safeHtmlId } from '../../src/output/templates/html-id';
import { safeHttpUrl } from '../../src/validation/safe-url';

describe('safe URLs', () => {
  it('keeps http(s) URLs, normalised', () => {
    expect(safeHttpUrl('https://example.org/a b?q="x"<y>')).toBe('https://example.org/a%20b?q=%22x%22%3Cy%3E');
    expect(safeHttpUrl(' http://example.org ')).toBe('http://example.org/');
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,x',
    'ftp://example.org',
    'not a url',
    '',
    null,
    'https://user:pw@example.org/',
  ])('refuses %p', (url) => {
    expect(safeHttpUrl(url)).toBeNull();
  });
});

describe('safe ids', () => {
  it('keeps plain ids and slugifies anything else', () => {
    expect(safeHtmlId('front-gaza')).toBe('front-gaza');
    expect(safeHtmlId('"><script>', 'section')).toBe('section-script');
    expect(safeHtmlId('Côte d’Ivoire', 'section')).toBe('section-cote-d-ivoire');
    expect(safeHtmlId('', 'section')).toBe('section-x');
  });
});
