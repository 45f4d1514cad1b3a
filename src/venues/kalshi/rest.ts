/**
 * Signed Kalshi REST calls over the shared keep-alive `HttpClient`: every call returns a `VenueResult`, with
 * transport failures and error statuses classified once (`errors.ts`) and bodies checked against the wire
 * schemas (`codec.ts`); `all` walks `cursor` pagination to the end.
 */
import type { z } from 'zod';
import type { Clock } from '../../core/clock.ts';
import { err, ok } from '../../core/errors.ts';
import { HttpClient, type HttpClientOptions } from '../shared/http.ts';
import type { VenueResult } from '../venue.ts';
import { checkShape } from './codec.ts';
import { badResponse, classifyKalshi } from './errors.ts';
import type { KalshiSigner } from './signer.ts';

export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

export function withQuery(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s === '' ? path : `${path}?${s}`;
}

export class KalshiRest {
  private readonly http: HttpClient;
  /** `/trade-api/v2`: the part of the base URL that is signed with every path. */
  private readonly basePath: string;

  constructor(
    restUrl: string,
    private readonly signer: KalshiSigner,
    private readonly clock: Clock,
    httpOptions: HttpClientOptions = {},
  ) {
    const base = restUrl.replace(/\/+$/, '');
    this.http = new HttpClient(base, httpOptions);
    this.basePath = new URL(base).pathname.replace(/\/+$/, '');
  }

  /** One call; a 2xx body is schema-checked (an empty body passes as undefined). */
  async call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    schema: z.ZodType<T> | undefined,
    body?: unknown,
  ): Promise<VenueResult<T>> {
    const isWrite = method !== 'GET';
    const outcome = await this.http.send(method, path, {
      headers: this.signer.headers(method, `${this.basePath}${path}`),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!outcome.ok || outcome.res.status < 200 || outcome.res.status >= 300) {
      return err(classifyKalshi(outcome, isWrite, this.clock.now()));
    }
    if (!schema) return ok(undefined as T);
    let raw: unknown;
    try {
      raw = outcome.res.text === '' ? undefined : JSON.parse(outcome.res.text);
    } catch {
      return err(
        badResponse(
          `${method} ${path}: malformed JSON in a ${outcome.res.status} response`,
          isWrite,
          outcome.res.status,
        ),
      );
    }
    const checked = checkShape(schema, raw, `${method} ${path}`);
    return checked.ok
      ? ok(checked.value)
      : err(badResponse(checked.error.message, isWrite, outcome.res.status));
  }

  get<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<VenueResult<T>> {
    return this.call('GET', withQuery(path, query), schema);
  }

  /** Every page of a cursor-paginated list, in the venue's order. */
  async all<P extends { cursor?: string | null | undefined }, T>(
    path: string,
    schema: z.ZodType<P>,
    items: (page: P) => readonly T[],
    query: Query = {},
    maxPages = 10_000,
  ): Promise<VenueResult<T[]>> {
    const out: T[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < maxPages; n++) {
      const page = await this.get(path, schema, { ...query, cursor });
      if (!page.ok) return page;
      out.push(...items(page.value));
      const next = page.value.cursor ?? '';
      if (next === '' || next === cursor) return ok(out);
      cursor = next;
    }
    return err(badResponse(`GET ${path}: more than ${maxPages} pages`, false));
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
