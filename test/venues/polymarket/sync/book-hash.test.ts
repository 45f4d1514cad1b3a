/**
 * Book hashes (sync/book-hash.ts) against real frames: fixtures/ws-real-hashes.json holds market-channel frames
 * with the hashes the venue put on them (see its `_source`). The WebSocket hash is the REST-style summary's,
 * including `min_order_size`, `tick_size`, `neg_risk` and `last_trade_price` (issue 21 point 5): the frames'
 * own fields alone (what `wsBookHash` covered before) reproduce none of them. The REST summary hash is what the
 * official client recomputes.
 */
import { ClobClient } from '@polymarket/clob-client-v2';
import { describe, expect, it } from 'vitest';
import real from '../../../../src/venues/polymarket/fixtures/ws-real-hashes.json' with { type: 'json' };
import {
  type BookMeta,
  hashWithBlankHash,
  parseMarketFrame,
  PolyBookSync,
  sha1Hex,
  wireLevelsBestLast,
  wsBookHash,
} from '../../../../src/venues/polymarket/index.ts';
import type { BookEvent } from '../../../../src/venues/venue.ts';

const frames = (session: { frames: unknown[] }) => session.frames.map((f) => JSON.stringify(f));
const books = (session: { frames: unknown[] }) =>
  frames(session)
    .flatMap((t) => parseMarketFrame(t))
    .flatMap((e) => (e.type === 'book' ? [e] : []));

describe('book hashes reproduce the venue’s', () => {
  it('real book frames: the summary hash with the market’s min_order_size and neg_risk, and the tick and last trade the session gave', () => {
    const { meta } = real.sessionA;
    let lastTradePrice = '';
    const seen = books(real.sessionA);
    expect(seen).toHaveLength(2);
    for (const b of seen) {
      // The second frame carries neither `tick_size` nor `last_trade_price`: the session's values stand.
      lastTradePrice = b.lastTradePrice ?? lastTradePrice;
      const m: BookMeta = {
        minOrderSize: meta.min_order_size,
        tickSize: b.tickSize ?? meta.tick_size,
        negRisk: meta.neg_risk,
        lastTradePrice,
      };
      expect(wsBookHash(b.market, b.assetId, b.timestamp, b.bids, b.asks, m)).toBe(b.hash);
      // The frame's own fields alone, the object hashed before this issue, give another hash.
      const framesOnly = {
        market: b.market,
        asset_id: b.assetId,
        timestamp: b.timestamp,
        hash: '',
        bids: wireLevelsBestLast(b.bids),
        asks: wireLevelsBestLast(b.asks),
      };
      expect(sha1Hex(JSON.stringify(framesOnly))).not.toBe(b.hash);
    }
  });

  it('the book sync, hash checking on, takes a real session’s snapshots and a real price_change', () => {
    for (const session of [real.sessionA, real.sessionB]) {
      const first = books(session)[0]!;
      const events: BookEvent[] = [];
      const sync = new PolyBookSync(
        [
          {
            market: first.market,
            assetId: first.assetId,
            meta: { minOrderSize: session.meta.min_order_size, negRisk: session.meta.neg_risk },
          },
        ],
        { onEvent: (e) => events.push(e), resync: () => expect.fail('no resync expected') },
      );
      for (const t of frames(session)) sync.frame(t, 0);
      expect(sync.detail.hashFailed).toBe(0);
      expect(sync.isValid(first.market)).toBe(true);
      expect(events.every((e) => e.type !== 'invalid')).toBe(true);
    }
    // Session B's price_change (the second token of its frame is not followed) sets the ask at 0.15 to 503.32.
    const b = books(real.sessionB)[0]!;
    const events: BookEvent[] = [];
    const sync = new PolyBookSync([{ market: b.market, assetId: b.assetId }], {
      onEvent: (e) => events.push(e),
      resync: () => undefined,
    });
    for (const t of frames(real.sessionB)) sync.frame(t, 0);
    expect(events.map((e) => e.type)).toEqual(['snapshot', 'level']);
    expect(events[1]).toMatchObject({ side: 'ask', px: 1500, qty: 50332, venueTimeMs: 1778204225252 });
    expect(sync.detail.hashChecked).toBe(2);
  });

  it('a REST summary hash is what the client recomputes', async () => {
    const summary = {
      market: '0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1',
      asset_id: '71321045679252212594626385532706912750332728571942532289631379312455583992563',
      timestamp: '1',
      hash: '',
      bids: [{ price: '0.3', size: '1' }],
      asks: [],
      min_order_size: '5',
      tick_size: '0.01',
      neg_risk: false,
      last_trade_price: '',
    };
    summary.hash = hashWithBlankHash(summary);
    const client = new ClobClient({ host: 'http://127.0.0.1:9', chain: 137 });
    expect(await client.getOrderBookHash({ ...summary } as never)).toBe(summary.hash);
  });
});
