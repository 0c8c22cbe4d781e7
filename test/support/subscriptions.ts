import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface Message {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; field?: string; [k: string]: unknown } }[];
}

/** One subscription's messages, in order; `next()` waits for the following one. */
export interface Subscription {
  next(timeoutMs?: number): Promise<Message>;
  /** Resolves once the server has completed it (or it failed), with the error it failed with. */
  ended: Promise<unknown>;
  /** Messages received and not yet taken. */
  pending(): Message[];
  unsubscribe(): void;
}

export interface ClosedBy {
  code: number;
  reason: string;
}

export interface LiveClient {
  client: Client;
  subscribe(query: string, variables?: Record<string, unknown>): Subscription;
  /** The close event the server ended the connection with, once it has. */
  closed: Promise<ClosedBy>;
  dispose(): Promise<void>;
}

/** A graphql-ws client (the `ws` WebSocket) for `${httpUrl}/graphql`, no retries, with the key in connectionParams. */
export function liveClient(httpUrl: string, key?: string | null, path = '/graphql'): LiveClient {
  let onClosed: (event: ClosedBy) => void = () => undefined;
  const closed = new Promise<ClosedBy>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}${path}`,
    webSocketImpl: WebSocket,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason) });
      },
    },
  });
  return {
    client,
    closed,
    subscribe(query, variables) {
      const queue: Message[] = [];
      const waiters: ((message: Message) => void)[] = [];
      let settle: (error: unknown) => void = () => undefined;
      const ended = new Promise<unknown>((resolve) => (settle = resolve));
      const push = (message: Message): void => {
        const waiter = waiters.shift();
        if (waiter) waiter(message);
        else queue.push(message);
      };
      const unsubscribe = client.subscribe(
        { query, variables },
        {
          next: (value) => push(value as Message),
          error: (error) => {
            // graphql-ws hands an error message's GraphQL errors as an array.
            if (Array.isArray(error)) push({ errors: error as Message['errors'] });
            settle(error);
          },
          complete: () => settle(undefined),
        },
      );
      return {
        ended,
        pending: () => [...queue],
        unsubscribe,
        next(timeoutMs = 5_000) {
          const queued = queue.shift();
          if (queued) return Promise.resolve(queued);
          return new Promise<Message>((resolve, reject) => {
            const timer = setTimeout(() => {
              waiters.splice(waiters.indexOf(done), 1);
              reject(new Error(`no subscription message within ${timeoutMs} ms`));
            }, timeoutMs);
            const done = (message: Message): void => {
              clearTimeout(timer);
              resolve(message);
            };
            waiters.push(done);
          });
        },
      };
    },
    dispose: async () => {
      await client.dispose();
    },
  };
}

/** Resolves once the connection is acknowledged (the key was accepted). */
export function connected(live: LiveClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const off = live.client.on('connected', () => {
      off();
      resolve();
    });
    void live.closed.then((event) => reject(new Error(`closed ${event.code} ${event.reason}`)));
  });
}
