import {
  CLI_FORMAT_CHOICES,
  CLI_FORMAT_HELP,
  CLI_FORMATS,
  DOWNLOAD_EXTENSION_LIST,
  DOWNLOAD_EXTENSIONS,
  RENDER_FORMATS,
  briefingFilename,
} from '../../src/output/formats/formats';

// Everything that names formats derives from the one table; these are the names clients and operators use.
describe('the format table', () => {
  it('gives the formats in the GraphQL enum order', () => {
    expect(RENDER_FORMATS).toEqual(['HTML', 'MARKDOWN', 'TEXT', 'PDF', 'EMAIL']);
  });

  it('gives the download extensions and their message list', () => {
    expect(DOWNLOAD_EXTENSIONS).toEqual({ html: 'HTML', md: 'MARKDOWN', txt: 'TEXT', pdf: 'PDF', eml: 'EMAIL' });
    expect(DOWNLOAD_EXTENSION_LIST).toBe('.html, .md, .txt, .pdf or .eml');
  });

  it('gives the CLI --format names, help and choices', () => {
    expect(CLI_FORMATS).toEqual({
      html: 'HTML',
      markdown: 'MARKDOWN',
      md: 'MARKDOWN',
      text: 'TEXT',
      txt: 'TEXT',
      pdf: 'PDF',
      email: 'EMAIL',
      eml: 'EMAIL',
    });
    expect(CLI_FORMAT_HELP).toBe('html, markdown (md), text (txt), pdf or email (eml)');
    expect(CLI_FORMAT_CHOICES).toBe('html, markdown, text, pdf, email (or md, txt, eml)');
  });

  it('names files by day, with up to five fronts', () => {
    expect(briefingFilename('2025-11-15', 'MARKDOWN')).toBe('sitrep-briefing-2025-11-15.md');
    expect(briefingFilename('2025-11-15', 'PDF', ['gaza', 'iran'])).toBe('sitrep-briefing-2025-11-15-gaza-iran.pdf');
    expect(briefingFilename('2025-11-15', 'EMAIL', ['a', 'b', 'c', 'd', 'e', 'f'])).toBe(
      'sitrep-briefing-2025-11-15.eml',
    );
    expect(briefingFilename('not a day', 'TEXT')).toBe('sitrep-briefing-undated.txt');
  });
});
