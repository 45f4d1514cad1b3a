/** Book hashes (sync/book-hash.ts): the WebSocket canonical object, and the REST summary as the client recomputes it. */
import { ClobClient } from '@polymarket/clob-client-v2';
import { describe, expect, it } from 'vitest';
import type { Level } from '../../../../src/core/market.ts';
import type { Px, Qty } from '../../../../src/core/units.ts';
import { hashWithBlankHash, sha1Hex, wsBookHash } from '../../../../src/venues/polymarket/index.ts';

const lv = (px: number, qty: number) => ({ px: px as Px, qty: qty as Qty });
const M = '0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1';
const A = '71321045679252212594626385532706912750332728571942532289631379312455583992563';

describe('book hashes agree with the documented algorithm and the official client', () => {
  it('the WebSocket book hash is SHA-1 of the documented canonical object', () => {
    const h = wsBookHash(
      M,
      A,
      '1767225600000',
      [lv(5000, 1500), lv(4900, 2000)] as Level[],
      [lv(5200, 2500)] as Level[],
    );
    expect(h).toBe(
      sha1Hex(
        `{"market":"${M}","asset_id":"${A}","timestamp":"1767225600000","hash":"",` +
          '"bids":[{"price":"0.49","size":"20"},{"price":"0.5","size":"15"}],"asks":[{"price":"0.52","size":"25"}]}',
      ),
    );
  });

  it('a REST summary hash is what the client recomputes', async () => {
    const summary = {
      market: M,
      asset_id: A,
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
