/**
 * The simulator's HTTP vocabulary. Handlers return a `Reply` value instead of writing to the response, so
 * middleware (fault injection) can wrap, replace or withhold answers without touching sockets, and a handler
 * stays a plain function that is easy to test.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export interface SimRequest {
  /** Upper case. */
  readonly method: string;
  /** URL pathname, without the query string (what Kalshi and Polymarket sign). */
  readonly path: string;
  readonly query: URLSearchParams;
  /** `:name` captures of the matched route, URL-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** The exact body text (Polymarket's HMAC covers it byte for byte). */
  readonly rawBody: string;
  /** Parsed JSON body; undefined when the body is empty. */
  readonly body: unknown;
  readonly raw: IncomingMessage;
}

export type Reply =
  | {
      readonly kind: 'json';
      readonly status: number;
      /** Omitted: no body (204, or a bare status). */
      readonly body?: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'text';
      readonly status: number;
      readonly text: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** Destroy the connection without answering; whatever the handler did stands (the unknown-outcome case). */
  | { readonly kind: 'drop' }
  /** Never answer; the connection stays open until the client gives up or the server closes. */
  | { readonly kind: 'hold' };

export type Handler = (req: SimRequest) => Reply | Promise<Reply>;

/**
 * Runs around everything after the body is read, routing included, so a fault (a 429 storm, latency) also hits
 * paths that have no route. `next()` runs the rest of the chain and the route's handler.
 */
export type Middleware = (req: SimRequest, next: () => Promise<Reply>) => Promise<Reply>;
