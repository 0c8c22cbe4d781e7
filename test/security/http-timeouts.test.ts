import net from 'node:net';
import { ConfigError, loadConfig } from '../../src/config/config';
import { startTestServer, TestServer } from '../support/test-server';

/**
 * Slow, stalled and idle clients over real sockets: each is closed after its configured time, and past the
 * connection cap a new connection is closed at once while the open ones are still served. The limits are set
 * small here; how soon the close comes is bounded generously (a shared machine), only that it comes is asserted.
 */

const CLOSE_WITHIN_MS = 10_000;

interface Peer {
  socket: net.Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves true once the server has closed the connection, false if it is still open after `ms`. */
  closedWithin(ms: number): Promise<boolean>;
  /** Resolves once `text` has been received (or rejects after `ms`). */
  waitFor(text: string, ms?: number): Promise<void>;
}

async function connect(baseUrl: string): Promise<Peer> {
  const url = new URL(baseUrl);
  const socket = net.connect({ host: url.hostname, port: Number(url.port) });
  let data = '';
  let closed = false;
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((listener) => listener());
  socket.on('data', (chunk: Buffer) => {
    data += chunk.toString('latin1');
    notify();
  });
  socket.on('error', () => undefined); // a reset is a close too
  socket.on('close', () => {
    closed = true;
    notify();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const until = (done: () => boolean, ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      if (done()) return resolve(true);
      const timer = setTimeout(() => {
        listeners.delete(check);
        resolve(false);
      }, ms);
      const check = (): void => {
        if (!done()) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve(true);
      };
      listeners.add(check);
    });
  return {
    socket,
    received: () => data,
    closedWithin: (ms) => until(() => closed, ms),
    waitFor: async (text, ms = CLOSE_WITHIN_MS) => {
      if (!(await until(() => data.includes(text), ms)))
        throw new Error(
          `not received within ${ms} ms: ${JSON.stringify(text)}; got ${JSON.stringify(data.slice(0, 200))}`,
        );
    },
  };
}

const HEALTH = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
/** Responses to /healthz received so far (each ends with its JSON body). */
const answers = (peer: Peer): number => peer.received().split('{"status":"ok"}').length - 1;

describe('HTTP time limits (small values configured)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      SITREP_HTTP_REQUEST_TIMEOUT_MS: '800',
      SITREP_HTTP_HEADERS_TIMEOUT_MS: '400',
      SITREP_HTTP_KEEP_ALIVE_TIMEOUT_MS: '400',
      SITREP_HTTP_IDLE_TIMEOUT_MS: '5000',
      SITREP_HTTP_MAX_REQUESTS_PER_SOCKET: '3',
    });
  });
  afterAll(() => server?.stop());

  it('a body that stalls after 100 kB of 1 MB is answered 408 and its connection closed', async () => {
    const peer = await connect(server.url);
    peer.socket.write(
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"query": "${' '.repeat(100_000)}`,
    );
    expect(await peer.closedWithin(CLOSE_WITHIN_MS)).toBe(true);
    expect(peer.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a body trickling in, a byte at a time, is stopped at the request timeout all the same', async () => {
    const peer = await connect(server.url);
    peer.socket.write(
      'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{',
    );
    const drip = setInterval(() => peer.socket.writable && peer.socket.write(' '), 50);
    try {
      expect(await peer.closedWithin(CLOSE_WITHIN_MS)).toBe(true);
    } finally {
      clearInterval(drip);
    }
    expect(peer.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('headers that stall are closed', async () => {
    const peer = await connect(server.url);
    peer.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expect(await peer.closedWithin(CLOSE_WITHIN_MS)).toBe(true);
    expect(peer.received()).not.toMatch(/200 OK/);
  });

  it('a connection that sends nothing is closed', async () => {
    const peer = await connect(server.url);
    expect(await peer.closedWithin(CLOSE_WITHIN_MS)).toBe(true);
  });

  it('a kept-alive connection with no next request is closed after the keep-alive timeout', async () => {
    const peer = await connect(server.url);
    peer.socket.write(HEALTH);
    await peer.waitFor('{"status":"ok"}');
    expect(await peer.closedWithin(CLOSE_WITHIN_MS)).toBe(true);
    expect(answers(peer)).toBe(1);
  });

  it('a connection carries at most SITREP_HTTP_MAX_REQUESTS_PER_SOCKET requests', async () => {
    const peer = await connect(server.url);
    peer.socket.write(HEALTH + HEALTH + HEALTH + HEALTH);
    expect(await peer.closedWithin(CLOSE_WITHIN_MS)).toBe(true);
    expect(answers(peer)).toBe(3);
    expect(peer.received()).toMatch(/Connection: close/i);
  });

  it('an ordinary request is unaffected', async () => {
    const res = await server.gql('{ fronts { slug } }');
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
  });
});

describe('HTTP connection cap (SITREP_HTTP_MAX_CONNECTIONS=4)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { SITREP_HTTP_MAX_CONNECTIONS: '4' });
  });
  afterAll(() => server?.stop());

  it('refuses a connection past the cap while the open ones keep answering /healthz, and takes one again once one closes', async () => {
    const open: Peer[] = [];
    try {
      for (let i = 0; i < 4; i += 1) {
        const peer = await connect(server.url);
        peer.socket.write(HEALTH);
        await peer.waitFor('{"status":"ok"}');
        open.push(peer);
      }
      const refused = await connect(server.url);
      refused.socket.write(HEALTH);
      expect(await refused.closedWithin(CLOSE_WITHIN_MS)).toBe(true);
      expect(refused.received()).toBe('');

      for (const peer of open) peer.socket.write(HEALTH);
      await Promise.all(
        open.map(async (peer) => {
          const deadline = Date.now() + CLOSE_WITHIN_MS;
          while (answers(peer) < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
          expect(answers(peer)).toBe(2);
        }),
      );

      open.shift()!.socket.destroy();
      // The server notices the close asynchronously; a new connection is accepted soon after.
      let accepted = false;
      for (let attempt = 0; attempt < 50 && !accepted; attempt += 1) {
        const peer = await connect(server.url);
        peer.socket.write(HEALTH);
        accepted = await peer.waitFor('{"status":"ok"}', 500).then(
          () => true,
          () => false,
        );
        if (accepted) open.push(peer);
        else peer.socket.destroy();
      }
      expect(accepted).toBe(true);
    } finally {
      for (const peer of open) peer.socket.destroy();
    }
  });
});

describe('HTTP limits configuration', () => {
  it('has defaults, takes values, and refuses bad ones naming the variable', () => {
    expect(loadConfig({}).http).toEqual({
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 10_000,
      idleTimeoutMs: 60_000,
      keepAliveTimeoutMs: 72_000,
      maxRequestsPerSocket: 0,
      maxConnections: 500,
    });
    expect(loadConfig({ SITREP_HTTP_REQUEST_TIMEOUT_MS: '5000' }).http.headersTimeoutMs).toBe(5_000);
    expect(loadConfig({ SITREP_HTTP_MAX_REQUESTS_PER_SOCKET: '1000' }).http.maxRequestsPerSocket).toBe(1_000);
    for (const name of [
      'SITREP_HTTP_REQUEST_TIMEOUT_MS',
      'SITREP_HTTP_HEADERS_TIMEOUT_MS',
      'SITREP_HTTP_IDLE_TIMEOUT_MS',
      'SITREP_HTTP_KEEP_ALIVE_TIMEOUT_MS',
      'SITREP_HTTP_MAX_CONNECTIONS',
    ]) {
      expect(() => loadConfig({ [name]: '0' })).toThrow(ConfigError);
      expect(() => loadConfig({ [name]: 'soon' })).toThrow(new RegExp(name));
    }
    expect(() => loadConfig({ SITREP_HTTP_MAX_REQUESTS_PER_SOCKET: '-1' })).toThrow(
      /SITREP_HTTP_MAX_REQUESTS_PER_SOCKET/,
    );
    expect(() =>
      loadConfig({ SITREP_HTTP_REQUEST_TIMEOUT_MS: '1000', SITREP_HTTP_HEADERS_TIMEOUT_MS: '2000' }),
    ).toThrow(/SITREP_HTTP_HEADERS_TIMEOUT_MS must be at most/);
  });
});
