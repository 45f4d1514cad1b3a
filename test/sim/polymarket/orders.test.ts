import { describe, expect, it } from 'vitest';
import type { SimClock } from '../../../src/core/clock.ts';
import { P_MARKET, P_TOKENS, seedBook, startPolyHost } from '../../venues/polymarket/support.ts';
import { creds, orderBody, px, qty, signed } from './support.ts';

describe('Polymarket front: order entry', () => {
  it('maps rejections to errorMsg codes with success:false', async () => {
    const h = await startPolyHost();
    seedBook(h.ex, P_MARKET, { bids: [[4000, 1000]], asks: [[4500, 1000]] });
    const c = await creds(h);
    const post = async (spec: Parameters<typeof orderBody>[1]) =>
      signed(h, c, 'POST', '/order', (await orderBody(c, spec)).body);
    const yes = P_TOKENS.yes;
    const expectCode = (r: { status: number; body: Record<string, unknown> }, errorMsg: string) =>
      expect(r).toMatchObject({
        status: 400,
        body: { success: false, errorMsg, error: expect.any(String), orderID: expect.stringMatching(/^0x/) },
      });
    expectCode(await post({ tokenId: yes, px: px(3000), qty: qty(400) }), 'INVALID_ORDER_MIN_SIZE');
    expect((await post({ tokenId: yes, px: px(3000), qty: qty(400) })).body.error).toBe(
      'Size (4) lower than the minimum: 5',
    );
    expectCode(await post({ tokenId: yes, px: px(3050), qty: qty(1000) }), 'INVALID_ORDER_MIN_TICK_SIZE');
    expectCode(
      await post({ tokenId: yes, px: px(4500), qty: qty(1000), postOnly: true }),
      'INVALID_POST_ONLY_ORDER',
    );
    expectCode(
      await post({ tokenId: yes, px: px(3000), qty: qty(1000), postOnly: true, orderType: 'FOK' }),
      'INVALID_POST_ONLY_ORDER',
    );
    expectCode(
      await post({ tokenId: yes, px: px(4500), qty: qty(5000), orderType: 'FOK' }),
      'FOK_ORDER_NOT_FILLED_ERROR',
    );
    expectCode(
      await post({ tokenId: yes, px: px(9900), qty: qty(2_000_000) }),
      'INVALID_ORDER_NOT_ENOUGH_BALANCE',
    );
    expectCode(
      await post({ tokenId: P_TOKENS.no, px: px(3000), qty: qty(1000), side: 'SELL' }),
      'INVALID_ORDER_NOT_ENOUGH_BALANCE',
    );
    expectCode(
      await post({
        tokenId: yes,
        px: px(3000),
        qty: qty(1000),
        orderType: 'GTD',
        expirationSec: h.clock.now() / 1000 + 30,
      }),
      'INVALID_ORDER_EXPIRATION',
    );
    // The same signed order twice: the second is a duplicate.
    const ok = await post({ tokenId: yes, px: px(3000), qty: qty(1000) });
    expect(ok).toMatchObject({
      status: 200,
      body: { success: true, status: 'live', makingAmount: '0', tradeIDs: [] },
    });
    expectCode(await post({ tokenId: yes, px: px(3000), qty: qty(1000) }), 'INVALID_ORDER_DUPLICATED');
    // A taker: matched at once, amounts in the order's terms.
    const took = await post({ tokenId: yes, px: px(4500), qty: qty(600), orderType: 'FAK' });
    expect(took).toMatchObject({
      status: 200,
      body: { status: 'matched', makingAmount: '2.70', takingAmount: '6', tradeIDs: [expect.any(String)] },
    });
    const none = await post({ tokenId: yes, px: px(1000), qty: qty(600), orderType: 'FAK' });
    expect(none).toMatchObject({ status: 200, body: { status: 'unmatched' } });
  });

  it('refuses malformed, V1, foreign-owner and wrongly signed orders; halts are 503', async () => {
    const h = await startPolyHost();
    const c = await creds(h);
    const good = JSON.parse(
      (await orderBody(c, { tokenId: P_TOKENS.yes, px: px(3000), qty: qty(1000) })).body,
    ) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const send = (b: unknown) => signed(h, c, 'POST', '/order', JSON.stringify(b));
    expect(await send({ ...good, owner: 'someone-else' })).toMatchObject({
      status: 400,
      body: { error: 'the order owner has to be the owner of the API KEY' },
    });
    expect(await send({ ...good, order: { ...good.order, makerAmount: '3000001' } })).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('invalid signature') },
    });
    expect(await send({ ...good, order: { ...good.order, tokenId: 'abc' } })).toMatchObject({
      status: 400,
      body: { error: 'Invalid order payload: bad tokenId' },
    });
    const v1 = { ...good, order: { ...good.order, nonce: '0', feeRateBps: '0' } };
    delete v1.order.timestamp;
    expect(await send(v1)).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('order_version_mismatch') },
    });
    // Signed for the negRisk exchange on a plain market: the signature does not recover to the signer.
    const neg = JSON.parse(
      (await orderBody(c, { tokenId: P_TOKENS.yes, px: px(3000), qty: qty(1000), negRisk: true })).body,
    ) as unknown;
    expect(await send(neg)).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('invalid signature') },
    });
    expect((await signed(h, c, 'POST', '/orders', JSON.stringify(Array(16).fill(good)))).status).toBe(400);
    h.ex.setStatus('halted');
    expect((await send(good)).status).toBe(503);
    h.ex.setStatus('open');
    const batch = await signed(h, c, 'POST', '/orders', JSON.stringify([good, good]));
    expect(batch).toMatchObject({
      status: 200,
      body: [{ success: true }, { success: false, errorMsg: 'INVALID_ORDER_DUPLICATED' }],
    });
  });

  it('GTD orders live until 60 s before their signed expiration; cancels report what they did', async () => {
    const h = await startPolyHost();
    const c = await creds(h);
    const exp = h.clock.now() / 1000 + 600;
    const gtd = await orderBody(c, {
      tokenId: P_TOKENS.yes,
      px: px(3000),
      qty: qty(1000),
      orderType: 'GTD',
      expirationSec: exp,
    });
    expect((await signed(h, c, 'POST', '/order', gtd.body)).body.status).toBe('live');
    (h.clock as SimClock).advance(539_000);
    expect(h.ex.order(gtd.hash)!.status).toBe('resting');
    (h.clock as SimClock).advance(1_000);
    expect(h.ex.order(gtd.hash)!.status).toBe('expired');
    expect((await signed(h, c, 'GET', `/data/order/${gtd.hash}`)).body).toMatchObject({
      status: 'CANCELED',
      order_type: 'GTD',
      expiration: String(exp),
    });
    const a = await orderBody(c, { tokenId: P_TOKENS.yes, px: px(3100), qty: qty(1000) });
    const b = await orderBody(c, { tokenId: P_TOKENS.no, px: px(3100), qty: qty(1000) });
    await signed(h, c, 'POST', '/order', a.body);
    await signed(h, c, 'POST', '/order', b.body);
    expect((await signed(h, c, 'DELETE', '/order', JSON.stringify({ orderID: gtd.hash }))).body).toEqual({
      canceled: [],
      not_canceled: { [gtd.hash]: 'Order already matched or canceled' },
    });
    expect(
      (await signed(h, c, 'DELETE', '/cancel-market-orders', JSON.stringify({ asset_id: P_TOKENS.no }))).body,
    ).toEqual({ canceled: [b.hash], not_canceled: {} });
    expect((await signed(h, c, 'DELETE', '/orders', JSON.stringify([a.hash, '0xnope']))).body).toEqual({
      canceled: [a.hash],
      not_canceled: { '0xnope': 'Order not found or already canceled' },
    });
  });
});
