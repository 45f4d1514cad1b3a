/**
 * Raw HTTP and WebSocket access to the simulated Kalshi, signed with node:crypto directly (independent of the
 * adapter's signer), so these tests check the protocol rather than our own client agreeing with itself.
 */
import { constants, sign } from 'node:crypto';
import { WebSocket } from 'ws';
import { SIM_KALSHI_KEY_ID, SIM_KALSHI_PRIVATE_KEY_PEM } from '../../../src/sim/credentials.ts';
import { onCleanup, within } from '../support/net.ts';

export interface SignOptions {
  readonly ts?: number;
  readonly keyId?: string;
  /** Sign a different text than the server will check. */
  readonly tamper?: boolean;
  /** Sign with this private key instead of the simulator's test key. */
  readonly privateKeyPem?: string;
}

export function signedHeaders(method: string, path: string, o: SignOptions = {}): Record<string, string> {
  const ts = String(o.ts ?? Date.now());
  const text = `${ts}${method}${path}${o.tamper ? 'x' : ''}`;
  const sig = sign('sha256', Buffer.from(text), {
    key: o.privateKeyPem ?? SIM_KALSHI_PRIVATE_KEY_PEM,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
  });
  return {
    'KALSHI-ACCESS-KEY': o.keyId ?? SIM_KALSHI_KEY_ID,
    'KALSHI-ACCESS-TIMESTAMP': ts,
    'KALSHI-ACCESS-SIGNATURE': sig.toString('base64'),
  };
}

/** A REST call: `restUrl` ends in /trade-api/v2; `path` is relative to it and may have a query. */
export async function call(
  restUrl: string,
  method: string,
  path: string,
  opts: { body?: unknown; rawBody?: string; auth?: SignOptions | false } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const url = `${restUrl}${path}`;
  const pathname = new URL(url).pathname;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.auth !== false) Object.assign(headers, signedHeaders(method, pathname, opts.auth ?? {}));
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return {
    status: res.status,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
    headers: res.headers,
  };
}

/** A WebSocket client that queues parsed messages (and counts pings) for the test to wait on. */
export class WsClient {
  readonly messages: Record<string, unknown>[] = [];
  pings = 0;
  private waiters: (() => void)[] = [];
  private nextId = 1;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as Record<string, unknown>);
      this.wake();
    });
    socket.on('ping', () => {
      this.pings++;
      this.wake();
    });
  }

  /** Send a command with the next id; returns the id. */
  command(cmd: string, params?: unknown): number {
    const id = this.nextId++;
    this.socket.send(JSON.stringify(params === undefined ? { id, cmd } : { id, cmd, params }));
    return id;
  }

  /** Waits until `pred` holds over everything received so far. */
  async until(what: string, pred: (c: WsClient) => boolean, timeoutMs = 5_000): Promise<void> {
    await within(
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (!pred(this)) return;
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve();
        };
        this.waiters.push(check);
        check();
      }),
      timeoutMs,
      what,
    );
  }

  /** The reply (or error) carrying command id `id`. */
  async reply(id: number): Promise<Record<string, unknown>> {
    await this.until(`reply to command ${id}`, (c) => c.messages.some((m) => m.id === id));
    return this.messages.find((m) => m.id === id)!;
  }

  ofType(type: string): Record<string, unknown>[] {
    return this.messages.filter((m) => m.type === type);
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}

/** A signed WebSocket client on /trade-api/ws/v2, or the HTTP status that refused the upgrade. */
export async function connectWs(wsUrl: string, sign: SignOptions | false = {}): Promise<WsClient | number> {
  const headers = sign === false ? {} : signedHeaders('GET', new URL(wsUrl).pathname, sign);
  const socket = new WebSocket(wsUrl, { headers });
  const client = new WsClient(socket);
  onCleanup(() => socket.terminate());
  return within(
    new Promise<WsClient | number>((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.once('error', reject);
    }),
    5_000,
    'WebSocket handshake',
  );
}
