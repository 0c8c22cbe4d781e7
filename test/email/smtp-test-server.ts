import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, SMTPServerSession } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 for tests. It records every message it accepts with its SMTP envelope, and
 * `failNext` scripts the next sessions: a 4xx or 5xx reply to DATA or RCPT, or a connection dropped mid-DATA.
 */
export type Failure = { at: 'DATA' | 'RCPT'; code: number; message?: string } | { at: 'DATA'; drop: true };

export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedMessage[];
  /** DATA commands seen, accepted or not: one per attempt that got that far. */
  dataAttempts: number;
  /** RCPT TO addresses ever offered, in order. */
  rcptSeen: string[];
  failNext(...failures: Failure[]): void;
  /** Refuse these recipients with 550 at RCPT, always. */
  refuseRecipients: Set<string>;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string): Error => Object.assign(new Error(message), { responseCode: code });

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const sockets = new Map<number, Socket>();
  const state: TestSmtpServer = {
    url: '',
    received: [],
    dataAttempts: 0,
    rcptSeen: [],
    refuseRecipients: new Set(),
    failNext: (...failures) => queue.push(...failures),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const queue: Failure[] = [];
  const server = new SMTPServer({
    // Plain SMTP on loopback: no TLS certificate to trust, no login.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    banner: 'sitrep test smtp',
    onRcptTo(address, _session, callback) {
      state.rcptSeen.push(address.address);
      if (state.refuseRecipients.has(address.address)) return callback(smtpError(550, '5.1.1 No such user here'));
      const next = queue[0];
      if (next !== undefined && next.at === 'RCPT' && 'code' in next) {
        queue.shift();
        return callback(smtpError(next.code, next.message ?? `${next.code} scripted RCPT failure`));
      }
      return callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      state.dataAttempts += 1;
      const chunks: Buffer[] = [];
      const next = queue[0]?.at === 'DATA' ? queue.shift() : undefined;
      if (next !== undefined && 'drop' in next) {
        // Mid-message: the client has started DATA and loses the connection before any reply.
        sockets.get(session.remotePort)?.destroy();
        stream.resume();
        return;
      }
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (next !== undefined && 'code' in next)
          return callback(smtpError(next.code, next.message ?? `${next.code} scripted DATA failure`));
        state.received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        return callback();
      });
    },
  });
  server.on('error', () => undefined);
  const net = (server as unknown as { server: import('node:net').Server }).server;
  net.on('connection', (socket: Socket) => {
    if (socket.remotePort !== undefined) sockets.set(socket.remotePort, socket);
    socket.on('close', () => socket.remotePort !== undefined && sockets.delete(socket.remotePort));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `smtp://127.0.0.1:${(net.address() as AddressInfo).port}`;
  return state;
}
