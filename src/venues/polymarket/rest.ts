/**
 * The adapter's HTTP side: one keep-alive client per host (CLOB, Data API, Gamma), L2 signing of trading
 * calls, JSON decoding through the codec, and classification of every failure into a `VenueError`. Returns
 * values, never throws.
 */
import type { Clock } from '../../core/clock.ts';
import { err, ok } from '../../core/errors.ts';
import { HttpClient, type HttpClientOptions, type HttpOutcome } from '../shared/http.ts';
import type { VenueResult } from '../venue.ts';
import { type ApiCreds, l2Headers } from './auth.ts';
import { parseJson, PolyCodecError } from './codec.ts';
import { classifyPolymarket, malformedResponse } from './errors.ts';

export type Host = 'clob' | 'data' | 'gamma';

export interface PolyRestOptions {
  readonly clobUrl: string;
  readonly dataUrl: string;
  readonly gammaUrl: string;
  readonly clock: Clock;
  readonly http?: HttpClientOptions;
}

export interface CallOptions {
  readonly host?: Host;
  readonly query?: Record<string, string | undefined>;
  readonly body?: string;
  /** Sign with L2 credentials. */
  readonly auth?: boolean;
  readonly headers?: Record<string, string>;
  /** A write: no answer means the outcome is unknown. */
  readonly write?: boolean;
}

export class PolyRest {
  private readonly clients: Record<Host, HttpClient>;
  private creds: ApiCreds | undefined;
  private address = '';
  /** Calls by outcome, for health and tests. */
  readonly stats = { calls: 0, failures: 0, malformed: 0 };

  constructor(private readonly opts: PolyRestOptions) {
    const strip = (u: string) => u.replace(/\/+$/, '');
    this.clients = {
      clob: new HttpClient(strip(opts.clobUrl), opts.http),
      data: new HttpClient(strip(opts.dataUrl), opts.http),
      gamma: new HttpClient(strip(opts.gammaUrl), opts.http),
    };
  }

  setCredentials(address: string, creds: ApiCreds): void {
    this.address = address;
    this.creds = creds;
  }

  get apiKey(): string | undefined {
    return this.creds?.key;
  }

  /** Send and return the raw outcome (for callers that read failures themselves). */
  async raw(method: string, path: string, o: CallOptions = {}): Promise<HttpOutcome> {
    this.stats.calls++;
    const qs = Object.entries(o.query ?? {})
      .filter((e): e is [string, string] => e[1] !== undefined)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    const headers: Record<string, string> = { ...o.headers };
    if (o.auth) {
      if (!this.creds) throw new Error('polymarket: L2 call before credentials were set');
      Object.assign(
        headers,
        l2Headers(this.address, this.creds, this.opts.clock.now(), method, path, o.body ?? ''),
      );
    }
    return this.clients[o.host ?? 'clob'].send(method, qs === '' ? path : `${path}?${qs}`, {
      headers,
      ...(o.body === undefined ? {} : { body: o.body }),
    });
  }

  /** Send, classify failures, decode JSON and hand it to `decode` (which may throw PolyCodecError). */
  async call<T>(
    method: string,
    path: string,
    decode: (v: unknown) => T,
    o: CallOptions = {},
  ): Promise<VenueResult<T>> {
    return this.decode(await this.raw(method, path, o), `${method} ${path}`, decode, o.write ?? false);
  }

  /** Classify or decode an outcome already in hand (for callers that looked at it first). */
  decode<T>(out: HttpOutcome, what: string, decode: (v: unknown) => T, isWrite = false): VenueResult<T> {
    if (!out.ok || out.res.status < 200 || out.res.status >= 300) {
      this.stats.failures++;
      return err(classifyPolymarket(out, isWrite, this.opts.clock.now()));
    }
    try {
      return ok(decode(parseJson(out.res.text, what)));
    } catch (e) {
      if (!(e instanceof PolyCodecError)) throw e;
      this.stats.malformed++;
      return err(malformedResponse(isWrite, `${what}: ${e.message}`, out.res.status));
    }
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.clients).map((c) => c.close()));
  }
}
