import { simpleParser } from 'mailparser';
import { composeBriefingEmail } from '../../src/output/email/compose-briefing-email';
import { briefing20251115 } from '../fixtures/briefing-2025-11-15';

describe('composeBriefingEmail', () => {
  it('builds a complete multipart/alternative message with a UTF-8 subject and CRLF line endings', async () => {
    const email = await composeBriefingEmail(briefing20251115(), {
      to: ['analyst@example.org'],
      from: 'Sitrep <briefings@sitrep.example>',
    });
    const raw = email.raw.toString('utf8');
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(email.subject).toBe('Daily briefing — 15 November 2025: Gaza, Iran, Syria, Lebanon');
    expect(email.envelope).toEqual({ from: 'briefings@sitrep.example', to: ['analyst@example.org'] });
    expect(email.messageId).toMatch(/^<briefing-2025-11-15-[0-9a-f]{32}@sitrep\.example>$/);
    const mail = await simpleParser(email.raw);
    expect(mail.subject).toBe(email.subject);
    expect(mail.date?.getTime()).toBe(Date.parse(briefing20251115().generatedAt));
    expect(mail.text).toContain('[1]');
    expect(String(mail.html)).toMatch(/<p class="status-line" style="[^"]*font-weight: bold/);
  });

  it('gives the same briefing the same Message-ID and bytes, and another briefing another id', async () => {
    const a = await composeBriefingEmail(briefing20251115(), { to: ['analyst@example.org'] });
    const later = { ...briefing20251115(), generatedAt: '2025-11-16T08:00:00.000Z' };
    const b = await composeBriefingEmail(later, { to: ['analyst@example.org'] });
    expect(b.messageId).toBe(a.messageId);
    const again = await composeBriefingEmail(briefing20251115(), { to: ['analyst@example.org'] });
    expect(again.raw.equals(a.raw)).toBe(true);
    const fewer = { ...briefing20251115(), sections: briefing20251115().sections.slice(0, 2) };
    expect((await composeBriefingEmail(fewer, { to: ['analyst@example.org'] })).messageId).not.toBe(a.messageId);
    const withPdf = await composeBriefingEmail(briefing20251115(), {
      attachPdf: true,
      pdf: async () => Buffer.from('%PDF-1.7'),
    });
    expect(withPdf.messageId).not.toBe(a.messageId);
  });

  it('escapes event text in the HTML part', async () => {
    const briefing = briefing20251115();
    briefing.sections[0].today[0].summary = '<script>alert(1)</script> <img src="http://127.0.0.1:9/x">';
    const mail = await simpleParser((await composeBriefingEmail(briefing)).raw);
    expect(String(mail.html)).not.toMatch(/<script|<img/);
    expect(String(mail.html)).toContain('&lt;script&gt;');
  });
});
