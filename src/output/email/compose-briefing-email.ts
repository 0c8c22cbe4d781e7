import { createHash } from 'node:crypto';
import juice from 'juice';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import type { Briefing } from '../../briefings/briefing';
import { DEFAULTS } from '../../config/config';
import { briefingFingerprint, stableMessageId } from '../../mail/message-id';
import { addressOf, checkRecipients } from '../../mail/recipients';
import { FORMAT_PROFILES, briefingFilename } from '../formats/formats';
import { renderTemplate } from '../templates/render-template';
import { checkRenderDeadline, TemplateRegistry, defaultTemplateRegistry } from '../templates/template-registry';

// A briefing as a complete RFC 5322 message: multipart/alternative with the plain-text rendering and the email
// layout's HTML (CSS inlined by juice, because many clients drop <style>), a UTF-8 subject naming the fronts, a
// stable Message-ID and Date, and optionally the PDF attached (the message becomes multipart/mixed around it).

export interface BriefingEmailOptions {
  /** Recipients, each one plain address; omitted for a message to download rather than send. */
  to?: readonly string[];
  /** "Name <address>" or an address. */
  from?: string;
  attachPdf?: boolean;
  /** Prints the PDF to attach; required with `attachPdf`. */
  pdf?: (briefing: Briefing) => Promise<Buffer>;
  /** A template of format EMAIL for the HTML part (the default one when omitted). */
  template?: string | null;
  registry?: () => TemplateRegistry;
}

export interface ComposedEmail {
  /** The whole message, CRLF line endings, ready for SMTP DATA or a .eml file. */
  raw: Buffer;
  /** With angle brackets, as in the header. */
  messageId: string;
  subject: string;
  /** The SMTP envelope this message must be sent with: exactly the checked recipients. */
  envelope: { from: string; to: string[] };
  /** "sitrep-briefing-2025-11-15.eml". */
  filename: string;
  /** The EMAIL template used and a revision covering both templates, for ETags. */
  template: string;
  templateRevision: string;
}

/** "Daily briefing — 15 November 2025: Gaza, Iran, Syria, Lebanon". */
export function briefingSubject(briefing: Briefing): string {
  const fronts = briefing.sections.map((s) => s.front.name);
  return fronts.length === 0 ? briefing.title : `${briefing.title}: ${fronts.join(', ')}`;
}

export async function composeBriefingEmail(
  briefing: Briefing,
  opts: BriefingEmailOptions = {},
): Promise<ComposedEmail> {
  const registry = (opts.registry ?? defaultTemplateRegistry)();
  const to = opts.to === undefined ? [] : checkRecipients(opts.to);
  const from = opts.from ?? DEFAULTS.mailFrom;
  const fromAddress = addressOf(from);
  const attachPdf = opts.attachPdf === true;
  if (attachPdf && opts.pdf === undefined) throw new Error('composeBriefingEmail: attachPdf needs a pdf renderer');

  // Both parts and the CSS inlining share one render time limit, as one render.
  const { text, page, html } = registry.withinRenderLimit(() => {
    const textPart = renderTemplate(registry, briefing, 'TEXT');
    const htmlPage = renderTemplate(registry, briefing, 'EMAIL', opts.template ?? null);
    const inlined = juice(htmlPage.body, {
      removeStyleTags: true,
      preserveMediaQueries: true,
      preserveFontFaces: false,
      applyWidthAttributes: true,
    });
    checkRenderDeadline();
    return { text: textPart, page: htmlPage, html: inlined };
  });

  const templates = [
    { name: page.template, revision: page.templateRevision },
    { name: text.template, revision: text.templateRevision },
  ];
  const fingerprint = briefingFingerprint({ briefing, templates, attachPdf });
  const messageId = stableMessageId({
    briefing,
    templates,
    attachPdf,
    domain: fromAddress.slice(fromAddress.lastIndexOf('@') + 1),
  });
  const subject = briefingSubject(briefing);
  const generated = new Date(briefing.generatedAt);

  // baseBoundary is a MailComposer option the type definitions do not list.
  const mail: Mail.Options & { baseBoundary: string } = {
    from,
    ...(to.length > 0 ? { to: to.join(', ') } : {}),
    subject,
    messageId,
    date: Number.isNaN(generated.getTime()) ? new Date() : generated,
    text: text.body,
    html,
    attachments:
      attachPdf && opts.pdf !== undefined
        ? [
            {
              filename: briefingFilename(briefing.date, 'PDF'),
              content: await opts.pdf(briefing),
              contentType: FORMAT_PROFILES.PDF.contentType,
            },
          ]
        : [],
    headers: { 'Content-Language': 'en', 'Auto-Submitted': 'auto-generated' },
    // Boundaries from the fingerprint instead of random bytes: the same briefing gives the same bytes (ETags).
    baseBoundary: fingerprint.slice(0, 24),
    // Nothing in a briefing email may make nodemailer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  const node = new MailComposer(mail).compile();
  // The envelope nodemailer derives from the To header we built must be exactly the checked recipients: a
  // recipient string that the header parser would split or reinterpret is caught here, before any SMTP.
  const derived = node.getEnvelope().to;
  if (
    derived.length !== to.length ||
    derived.some((address, i) => address !== to[i].toLowerCase() && address !== to[i])
  ) {
    throw new Error(`Envelope mismatch: intended ${to.join(', ')}, header gives ${derived.join(', ')}`);
  }
  const built = await new Promise<Buffer>((resolve, reject) => {
    node.build((error, message) => (error ? reject(error) : resolve(message)));
  });
  // MimeNode builds with bare LF; RFC 5322 (and SMTP DATA) want CRLF. Every part is 7-bit (quoted-printable or
  // base64), so the bytes can be rewritten as latin1 text without touching any content.
  const raw = Buffer.from(built.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
  return {
    raw,
    messageId,
    subject,
    envelope: { from: fromAddress, to },
    filename: briefingFilename(briefing.date, 'EMAIL'),
    template: page.template,
    templateRevision: createHash('sha256').update(JSON.stringify(templates)).digest('hex').slice(0, 32),
  };
}
