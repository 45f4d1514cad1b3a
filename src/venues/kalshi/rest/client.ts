/**
 * The Kalshi REST calls (K2), one method per endpoint the adapter uses, signed over the shared keep-alive
 * `HttpClient`. Every call returns a `VenueResult` and never throws for a venue error: transport failures and
 * error statuses are classified once (`errors.ts`), 2xx bodies are checked against `schemas.ts` (a body that
 * does not match is `KALSHI.BAD_RESPONSE` naming the field), and lists walk `cursor` pagination to the end.
 * Results are wire objects: turning them into core units is the decoders' job.
 */
import type { z } from 'zod';
import type { Clock } from '../../../core/clock.ts';
import { err, ok } from '../../../core/errors.ts';
import { HttpClient, type HttpClientOptions } from '../../shared/http.ts';
import type { VenueResult } from '../../venue.ts';
import type { KalshiSigner } from '../auth/signer.ts';
import { badResponse, classifyKalshi } from '../errors.ts';
import { checkShape } from './decode-fields.ts';
import {
  WireBalance,
  WireCreateOrderGroupResponse,
  WireCreateOrderResponse,
  type WireEvent,
  WireEventsPage,
  type WireFill,
  WireFillsPage,
  type WireMarket,
  WireMarketsPage,
  type WireOrder,
  WireOrderbookResponse,
  WireOrderResponse,
  WireOrdersPage,
  type WirePosition,
  WirePositionsPage,
  WireSeriesList,
} from './schemas.ts';

export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/** Kalshi's list filter on markets and events. */
export type ListStatus = 'unopened' | 'open' | 'closed' | 'settled';

export function withQuery(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s === '' ? path : `${path}?${s}`;
}

const enc = encodeURIComponent;
const ORDERS = '/portfolio/events/orders';
const GROUPS = '/portfolio/order_groups';

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

  // ---- endpoints ----------------------------------------------------------------------------------------

  markets(status: ListStatus | undefined): Promise<VenueResult<WireMarket[]>> {
    return this.all('/markets', WireMarketsPage, (p) => p.markets, { limit: 1000, status });
  }

  events(status: ListStatus | undefined): Promise<VenueResult<WireEvent[]>> {
    return this.all('/events', WireEventsPage, (p) => p.events, { limit: 200, status });
  }

  series(): Promise<VenueResult<WireSeriesList>> {
    return this.get('/series', WireSeriesList);
  }

  orderbook(ticker: string): Promise<VenueResult<WireOrderbookResponse>> {
    return this.get(`/markets/${enc(ticker)}/orderbook`, WireOrderbookResponse);
  }

  createOrder(body: Record<string, unknown>): Promise<VenueResult<WireCreateOrderResponse>> {
    return this.call('POST', ORDERS, WireCreateOrderResponse, body);
  }

  cancelOrder(orderId: string): Promise<VenueResult<undefined>> {
    return this.call('DELETE', `${ORDERS}/${enc(orderId)}`, undefined);
  }

  amendOrder(orderId: string, body: Record<string, unknown>): Promise<VenueResult<undefined>> {
    return this.call('POST', `${ORDERS}/${enc(orderId)}/amend`, undefined, body);
  }

  decreaseOrder(orderId: string, body: Record<string, unknown>): Promise<VenueResult<undefined>> {
    return this.call('POST', `${ORDERS}/${enc(orderId)}/decrease`, undefined, body);
  }

  /** Cancel every resting order of the account (`DELETE /portfolio/events/orders`, 204). */
  cancelAllOrders(): Promise<VenueResult<undefined>> {
    return this.call('DELETE', ORDERS, undefined);
  }

  /** A new order group with a rolling 15 s contracts limit (`contracts_limit_fp`, 0.01 granularity). */
  createOrderGroup(contractsLimitFp: string): Promise<VenueResult<WireCreateOrderGroupResponse>> {
    return this.call('POST', `${GROUPS}/create`, WireCreateOrderGroupResponse, {
      contracts_limit_fp: contractsLimitFp,
    });
  }

  /** `trigger` cancels the group's resting orders and refuses new ones; `reset` clears that and the window. */
  orderGroupAction(groupId: string, action: 'trigger' | 'reset'): Promise<VenueResult<undefined>> {
    return this.call('PUT', `${GROUPS}/${enc(groupId)}/${action}`, undefined, {});
  }

  /** One order; undefined on a 404. */
  async order(orderId: string): Promise<VenueResult<WireOrder | undefined>> {
    const r = await this.get(`/portfolio/orders/${enc(orderId)}`, WireOrderResponse);
    if (r.ok) return ok(r.value.order);
    return r.error.status === 404 ? ok(undefined) : r;
  }

  /** The account's orders, every page; `status`/`ticker` narrow the list at the venue. */
  orders(
    filter: { status?: 'resting'; ticker?: string | undefined } = {},
  ): Promise<VenueResult<WireOrder[]>> {
    return this.all('/portfolio/orders', WireOrdersPage, (p) => p.orders, { limit: 1000, ...filter });
  }

  /** The account's fills, newest first, from `minTs` (whole seconds) when given. */
  fills(minTs: number | undefined): Promise<VenueResult<WireFill[]>> {
    return this.all('/portfolio/fills', WireFillsPage, (p) => p.fills, {
      limit: 1000,
      ...(minTs === undefined ? {} : { min_ts: minTs }),
    });
  }

  /** Markets where the account holds contracts. */
  positions(): Promise<VenueResult<WirePosition[]>> {
    return this.all('/portfolio/positions', WirePositionsPage, (p) => p.market_positions, {
      limit: 1000,
      count_filter: 'position',
    });
  }

  balance(): Promise<VenueResult<WireBalance>> {
    return this.get('/portfolio/balance', WireBalance);
  }

  close(): Promise<void> {
    return this.http.close();
  }

  // ---- transport ----------------------------------------------------------------------------------------

  /** One call; a 2xx body is schema-checked (an empty body passes as undefined). */
  private async call<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
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

  private get<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<VenueResult<T>> {
    return this.call('GET', withQuery(path, query), schema);
  }

  /** Every page of a cursor-paginated list, in the venue's order. */
  private async all<P extends { cursor?: string | null | undefined }, T>(
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
}
