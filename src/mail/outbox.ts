import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * With no SMTP server configured, messages are written to the outbox folder as .eml files, so the default setup
 * works without a mail server and an operator can open or forward what would have been sent. Written to a
 * temporary name and renamed, so a reader never sees half a message.
 */
export async function writeToOutbox(dir: string, deliveryId: string, createdAt: string, raw: Buffer): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const stamp = createdAt.replace(/[-:]/g, '').replace(/\.\d+/, '');
  const file = path.join(dir, `${stamp}-${deliveryId}.eml`);
  const temp = `${file}.part`;
  await fs.writeFile(temp, raw, { mode: 0o600 });
  await fs.rename(temp, file);
  return file;
}
