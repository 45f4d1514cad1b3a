/**
 * The Polymarket REST calls the adapter makes, by name, each returning a `VenueResult` in core units: the
 * response checked by its zod schema and decoded (decode-*.ts), failures classified (errors.ts), cursor and
 * offset pagination walked to the end. Trading calls are signed with the API credentials (`ApiKeys`, obtained
 * on first use). Never throws for the venue.
 */
import { ok } from '../../../core/errors.ts';
import type { Level } from '../../../core/market.ts';
import type { Micros } from '../../../core/units.ts';
import type { VenueResult } from '../../venue.ts';
import type { ApiKeys } from '../auth/api-keys.ts';
import { decodeBook } from './decode-book.ts';
import { checkShape } from './decode-fields.ts';
import { decodeGammaEvents, type GammaPage } from './decode-gamma.ts';
import { type ClobMarketInfo, decodeClobMarket, decodeFeeRate } from './decode-markets.ts';
import {
  type CancelResponse,
  decodeCancel,
  decodeOpenOrder,
  decodeOrdersPage,
  decodePostOrder,
  type OpenOrder,
  type PostOrderResponse,
} from './decode-orders.ts';
import {
  type DataPosition,
  decodeBalance,
  decodePositions,
  decodeTradesPage,
  type Trade,
} from './decode-portfolio.ts';
import { WireHeartbeat } from './schemas.ts';
import type { RestTransport } from './transport.ts';

/** The CLOB's first and last cursors. */
const FIRST_CURSOR = 'MA==';
const END_CURSOR = 'LTE=';
const GAMMA_PAGE = 100;
const POSITIONS_PAGE = 500;

export interface HeartbeatReply {
  /** The venue took the beat (a 200). */
  readonly accepted: boolean;
  /** The id to send next, when the answer named one (a 400 names the one expected). */
  readonly nextId: string | undefined;
  /** Why it was not taken. */
  readonly problem: string;
  /** Not sent at all: there are no API credentials. */
  readonly noCredentials?: true;
}

export class PolyClient {
  constructor(
    private readonly transport: RestTransport,
    private readonly keys: ApiKeys,
  ) {}

  /** Calls by outcome (calls, failures, undecodable responses), for health and tests. */
  get stats(): Readonly<RestTransport['stats']> {
    return this.transport.stats;
  }

  /** V2 `GET /clob-markets/{id}`. */
  clobMarket(conditionId: string): Promise<VenueResult<ClobMarketInfo>> {
    return this.transport.call('GET', `/clob-markets/${conditionId}`, (v) => decodeClobMarket(v));
  }

  /** Every open Gamma event, page by page, with the markets that could not be read. */
  async events(): Promise<VenueResult<GammaPage>> {
    const out: GammaPage = { events: [], skipped: [], listed: 0 };
    for (let offset = 0; ; offset += GAMMA_PAGE) {
      const page = await this.transport.call('GET', '/events', decodeGammaEvents, {
        host: 'gamma',
        query: { closed: 'false', limit: String(GAMMA_PAGE), offset: String(offset) },
      });
      if (!page.ok) return page;
      out.events.push(...page.value.events);
      out.skipped.push(...page.value.skipped);
      if (page.value.listed < GAMMA_PAGE) return ok({ ...out, listed: out.events.length });
    }
  }

  /** `GET /fee-rate` of a token: `base_fee` in bps; undefined when the venue has none for it (404). */
  async feeRate(tokenId: string): Promise<VenueResult<number | undefined>> {
    const r = await this.transport.call('GET', '/fee-rate', decodeFeeRate, { query: { token_id: tokenId } });
    if (!r.ok && r.error.status === 404) return ok(undefined);
    return r;
  }

  /** `GET /book` for one token; with `verifyHash`, refused unless its hash matches its content. */
  book(
    tokenId: string,
    verifyHash: boolean,
  ): Promise<VenueResult<{ yesBids: Level[]; yesAsks: Level[]; venueTimeMs: number }>> {
    return this.transport.call('GET', '/book', (v) => decodeBook(v, verifyHash), {
      query: { token_id: tokenId },
    });
  }

  async postOrder(body: string): Promise<VenueResult<PostOrderResponse>> {
    const creds = await this.keys.get();
    if (!creds.ok) return creds;
    return this.transport.call('POST', '/order', decodePostOrder, { body, auth: true, write: true });
  }

  async cancelOrder(orderId: string): Promise<VenueResult<CancelResponse>> {
    const creds = await this.keys.get();
    if (!creds.ok) return creds;
    return this.transport.call('DELETE', '/order', decodeCancel, {
      body: JSON.stringify({ orderID: orderId }),
      auth: true,
      write: true,
    });
  }

  /** `DELETE /cancel-all` (no body), as the official client's `cancelAll()` sends it: every open order. */
  async cancelAll(): Promise<VenueResult<CancelResponse>> {
    const creds = await this.keys.get();
    if (!creds.ok) return creds;
    return this.transport.call('DELETE', '/cancel-all', decodeCancel, { auth: true, write: true });
  }

  /** `GET /data/order/{id}`; an order the venue does not know (404, or an empty or `null` body) is undefined. */
  async order(orderId: string): Promise<VenueResult<OpenOrder | undefined>> {
    const creds = await this.keys.get();
    if (!creds.ok) return creds;
    const path = `/data/order/${orderId}`;
    const out = await this.transport.raw('GET', path, { auth: true });
    if (
      out.ok &&
      (out.res.status === 404 || (out.res.status === 200 && /^\s*(null)?\s*$/.test(out.res.text)))
    )
      return ok(undefined);
    return this.transport.decode(out, `GET ${path}`, (v) => decodeOpenOrder(v));
  }

  /** Every open order of the account (of one market, if given). */
  async openOrders(market?: string): Promise<VenueResult<OpenOrder[]>> {
    const creds = await this.keys.get();
    if (!creds.ok) return creds;
    const out: OpenOrder[] = [];
    for (let cursor = FIRST_CURSOR; cursor !== END_CURSOR;) {
      const page = await this.transport.call('GET', '/data/orders', decodeOrdersPage, {
        auth: true,
        query: { next_cursor: cursor, ...(market === undefined ? {} : { market }) },
      });
      if (!page.ok) return page;
      out.push(...page.value.orders);
      cursor = page.value.nextCursor;
    }
    return ok(out);
  }

  /** Every trade of the account matched after `afterSec` (unix seconds). */
  async trades(afterSec: number): Promise<VenueResult<Trade[]>> {
    const creds = await this.keys.get();
    if (!creds.ok) return creds;
    const out: Trade[] = [];
    for (let cursor = FIRST_CURSOR; cursor !== END_CURSOR;) {
      const page = await this.transport.call('GET', '/data/trades', decodeTradesPage, {
        auth: true,
        query: { after: String(afterSec), next_cursor: cursor },
      });
      if (!page.ok) return page;
      out.push(...page.value.trades);
      cursor = page.value.nextCursor;
    }
    return ok(out);
  }

  /** Data API positions of `user`, every page. */
  async positions(user: string): Promise<VenueResult<DataPosition[]>> {
    const out: DataPosition[] = [];
    for (let offset = 0; ; offset += POSITIONS_PAGE) {
      const page = await this.transport.call('GET', '/positions', decodePositions, {
        host: 'data',
        query: { user, sizeThreshold: '0', limit: String(POSITIONS_PAGE), offset: String(offset) },
      });
      if (!page.ok) return page;
      out.push(...page.value);
      if (page.value.length < POSITIONS_PAGE) return ok(out);
    }
  }

  /** The wallet's collateral (`GET /balance-allowance`), the whole of it. */
  async collateral(): Promise<VenueResult<Micros>> {
    const creds = await this.keys.get();
    if (!creds.ok) return creds;
    return this.transport.call('GET', '/balance-allowance', decodeBalance, {
      auth: true,
      query: { asset_type: 'COLLATERAL', signature_type: '0' },
    });
  }

  /** `POST /v1/heartbeats` with the id the venue gave last (empty at first). */
  async heartbeat(id: string): Promise<HeartbeatReply> {
    const creds = await this.keys.get();
    if (!creds.ok)
      return {
        accepted: false,
        nextId: undefined,
        problem: `no API credentials: ${creds.error.message}`,
        noCredentials: true,
      };
    const out = await this.transport.raw('POST', '/v1/heartbeats', {
      body: JSON.stringify({ heartbeat_id: id }),
      auth: true,
    });
    if (!out.ok) return { accepted: false, nextId: undefined, problem: out.message };
    let nextId: string | undefined;
    try {
      const body = checkShape(WireHeartbeat, JSON.parse(out.res.text), 'heartbeat');
      if (body.ok) nextId = body.value.heartbeat_id;
    } catch {
      // An unreadable answer names no id; a 200 still counts as a beat taken.
    }
    const accepted = out.res.status === 200;
    return { accepted, nextId, problem: accepted ? '' : `HTTP ${out.res.status}` };
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
