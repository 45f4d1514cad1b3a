/**
 * An HTTP client that sends every request over ONE keep-alive TCP connection (node:http Agent, keepAlive,
 * maxSockets 1) and records which socket each request used, so a test can prove that consecutive requests
 * really shared a connection.
 */
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { onCleanup, within } from './net.ts';

export interface OneSocketResponse {
  readonly status: number;
  readonly body: unknown;
  /** The client-side port of the connection the request went over. */
  readonly localPort: number | undefined;
}

export class OneSocketClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly used = new Set<Socket>();

  constructor() {
    onCleanup(() => this.agent.destroy());
  }

  /** Distinct sockets used so far (1 when every request shared the connection). */
  get socketCount(): number {
    return this.used.size;
  }

  send(
    url: string,
    opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<OneSocketResponse> {
    const method = opts.method ?? 'GET';
    const done = new Promise<OneSocketResponse>((resolve, reject) => {
      const req = request(url, { method, headers: opts.headers ?? {}, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            body: text === '' ? undefined : (JSON.parse(text) as unknown),
            localPort: res.socket?.localPort,
          });
        });
      });
      req.on('socket', (s) => this.used.add(s));
      req.on('error', reject);
      req.end(opts.body);
    });
    return within(done, 5_000, `${method} ${url}`);
  }
}
