/**
 * The adapter's HTTP transport: one keep-alive client per host (CLOB, Data API, Gamma), L2 signing of trading
 * calls, JSON decoding through a decoder (decode-*.ts), and classification of every failure into a `VenueError`
 * (errors.ts). Returns values, never throws for the venue. The named calls are in client.ts.
 */
import type { Clock } from '../../../core/clock.ts';
import { err, ok } from '../../../core/errors.ts';
import { HttpClient, type HttpClientOptions, type HttpOutcome } from '../../shared/http.ts';
import type { VenueResult } from '../../venue.ts';
import type { Result } from '../../../core/errors.ts';
import { type ApiCreds, l2Headers } from '../auth/signer.ts';
import { badResponse, classifyPolymarket, type PolyCodecError } from '../errors.ts';
import { parseJson } from './decode-fields.ts';

/** Parsed JSON → a value in core units, or an error naming the field. */
export type Decoder<T> = (raw: unknown) => Result<T, PolyCodecError>;

export type Host = 'clob' | 'data' | 'gamma';

export interface TransportOptions {
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

export class RestTransport {
  private readonly clients: Record<Host, HttpClient>;
  private creds: ApiCreds | undefined;
  private address = '';
  /** Calls by outcome, for health and tests. */
  readonly stats = { calls: 0, failures: 0, malformed: 0 };

  constructor(private readonly opts: TransportOptions) {
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

  /** Send, classify failures, parse JSON and hand it to `decode`. */
  async call<T>(
    method: string,
    path: string,
    decode: Decoder<T>,
    o: CallOptions = {},
  ): Promise<VenueResult<T>> {
    return this.decode(await this.raw(method, path, o), `${method} ${path}`, decode, o.write ?? false);
  }

  /** Classify or decode an outcome already in hand (for callers that looked at it first). */
  decode<T>(out: HttpOutcome, what: string, decode: Decoder<T>, isWrite = false): VenueResult<T> {
    if (!out.ok || out.res.status < 200 || out.res.status >= 300) {
      this.stats.failures++;
      return err(classifyPolymarket(out, isWrite, this.opts.clock.now()));
    }
    const json = parseJson(out.res.text, what);
    const r = json.ok ? decode(json.value) : json;
    if (r.ok) return ok(r.value);
    this.stats.malformed++;
    const message = r.error.message.startsWith(`${what}:`) ? r.error.message : `${what}: ${r.error.message}`;
    return err(badResponse(isWrite, message, out.res.status));
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.clients).map((c) => c.close()));
  }
}
