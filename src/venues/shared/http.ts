/**
 * The adapters' HTTP transport: one keep-alive connection pool per venue (undici), a per-request deadline,
 * and outcomes instead of exceptions, so every failure reaches the venue's classifier as a value.
 */
import { Agent, request } from 'undici';

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

export type HttpOutcome =
  | { readonly ok: true; readonly res: HttpResponse }
  /** No response: `timeout` (deadline passed) or `network` (refused, reset, dropped mid-response). */
  | { readonly ok: false; readonly failure: 'timeout' | 'network'; readonly message: string };

export interface HttpClientOptions {
  /** Deadline for one request, headers and body (default 5 s). */
  readonly timeoutMs?: number;
  /** Keep-alive connections per origin (default 8). */
  readonly connections?: number;
}

export class HttpClient {
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(
    /** Origin plus base path, no trailing slash: `http://127.0.0.1:7701/trade-api/v2`. */
    readonly baseUrl: string,
    opts: HttpClientOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 5_000;
    this.agent = new Agent({ connections: opts.connections ?? 8, keepAliveTimeout: 30_000 });
  }

  /** `path` is relative to the base URL and may carry a query string. */
  async send(
    method: string,
    path: string,
    opts: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<HttpOutcome> {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (opts.body !== undefined) headers['content-type'] ??= 'application/json';
    try {
      const res = await request(`${this.baseUrl}${path}`, {
        method: method as 'GET',
        headers,
        body: opts.body ?? null,
        dispatcher: this.agent,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        // The one wall-clock timer the determinism lint allows outside src/app: a deadline on a real socket
        // measures real waiting (undici's own headers/body timeouts above run on real time regardless), and a
        // SimClock jumping ahead must not abort a request that is still travelling over loopback.
        // eslint-disable-next-line no-restricted-properties
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.body.text();
      return { ok: true, res: { status: res.statusCode, headers: res.headers, text } };
    } catch (e) {
      const err = e as { name?: string; code?: string; message?: string };
      const timeout =
        err.name === 'TimeoutError' ||
        err.name === 'AbortError' ||
        err.code === 'UND_ERR_HEADERS_TIMEOUT' ||
        err.code === 'UND_ERR_BODY_TIMEOUT';
      return { ok: false, failure: timeout ? 'timeout' : 'network', message: err.message ?? String(e) };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
