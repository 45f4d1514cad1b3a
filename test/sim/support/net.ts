/** Loopback test plumbing: servers torn down after each test, waits on events with a timeout, a WS client. */
import { afterEach } from 'vitest';
import { WebSocket } from 'ws';
import { SimServer, type SimServerOptions } from '../../../src/sim/server/index.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Run `fn` after the current test, even when it fails. */
export function onCleanup(fn: () => Promise<unknown> | unknown): void {
  cleanups.push(fn);
}

/** A listening SimServer on 127.0.0.1:0, closed after the test. */
export async function startServer(
  setup: (s: SimServer) => void,
  opts: Partial<SimServerOptions> = {},
): Promise<SimServer> {
  const server = new SimServer({ name: 'test', host: '127.0.0.1', port: 0, ...opts });
  setup(server);
  await server.listen();
  onCleanup(() => server.close());
  return server;
}

/** Resolves with the first value `subscribe` delivers, or rejects after `timeoutMs` naming what never came. */
export function waitFor<T>(
  what: string,
  subscribe: (deliver: (value: T) => void) => (() => void) | void,
  timeoutMs = 5_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let unsubscribe: (() => void) | void = undefined;
    const timer = setTimeout(() => {
      if (unsubscribe) unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    unsubscribe = subscribe((value) => {
      clearTimeout(timer);
      if (unsubscribe) unsubscribe();
      resolve(value);
    });
  });
}

/** Rejects if `p` has not settled within `timeoutMs`. */
export function within<T>(p: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** A WebSocket client that queues every text message and close event for the test to consume in order. */
export class TestWsClient {
  readonly messages: string[] = [];
  private waiters: (() => void)[] = [];
  closeCode: number | undefined;
  readonly closed: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      this.messages.push(isBinary ? '<binary>' : String(data));
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code) => {
        this.closeCode = code;
        this.wake();
        resolve(code);
      }),
    );
  }

  static async connect(url: string, timeoutMs = 5_000): Promise<TestWsClient> {
    const socket = new WebSocket(url);
    const client = new TestWsClient(socket);
    onCleanup(() => socket.terminate());
    await within(
      new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      }),
      timeoutMs,
      `WebSocket open ${url}`,
    );
    return client;
  }

  /** Wait until at least `n` messages have arrived in total; returns them all. */
  async untilCount(n: number, timeoutMs = 5_000): Promise<string[]> {
    await waitFor<void>(
      `${n} WebSocket messages (have ${this.messages.length})`,
      (deliver) => {
        const check = (): void => {
          if (this.messages.length >= n) deliver();
        };
        this.waiters.push(check);
        check();
        return () => {
          this.waiters = this.waiters.filter((w) => w !== check);
        };
      },
      timeoutMs,
    );
    return [...this.messages];
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}
