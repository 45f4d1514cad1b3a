import { feeFor } from '../../../src/core/fees.ts';
import { describe, expect, it } from 'vitest';
import {
  expectConserved,
  kalshiFeeModel,
  makeExchange,
  order,
  polymarketFeeModel,
  px,
  qty,
} from './helpers.ts';

describe('price-time priority', () => {
  it('fills the best price first, then the earliest order at that price, at the maker price', () => {
    const { ex } = makeExchange();
    const a1 = ex.place(
      order({ account: 'alice', side: 'SELL', outcome: 'NO', px: px(4000), qty: qty(100) }),
    ); // YES bid 0.60
    const b1 = ex.place(order({ account: 'bob', side: 'BUY', px: px(6100), qty: qty(100) })); // YES bid 0.61
    const c1 = ex.place(order({ account: 'carol', side: 'BUY', px: px(6100), qty: qty(100) }));
    expect(a1.ok).toBe(false); // alice holds no NO contracts to sell
    expect(b1.ok && c1.ok).toBe(true);
    // alice sells YES? she has none; she buys NO at 0.38 = a YES ask at 0.62 → no cross; then at 0.40 → YES ask 0.60 crosses 0.61
    const take = ex.place(
      order({ account: 'alice', side: 'BUY', outcome: 'NO', px: px(4000), qty: qty(150) }),
    );
    if (!take.ok) throw new Error(take.message);
    expect(take.fills.map((f) => [f.px, f.qty])).toEqual([
      [3900, 100], // against bob at YES 0.61 → NO 0.39 (price improvement vs 0.40 limit)
      [3900, 50], // then carol, same price, later in time
    ]);
    expect(ex.order(b1.ok ? b1.order.id : '')!.status).toBe('filled');
    const carol = ex.order(c1.ok ? c1.order.id : '')!;
    expect([carol.status, carol.filled]).toEqual(['resting', 50]);
    expectConserved(ex);
  });

  it('keeps YES and NO as one book: a NO bid at q is a YES ask at 1 − q', () => {
    const { ex } = makeExchange();
    ex.place(order({ account: 'alice', side: 'BUY', outcome: 'NO', px: px(4500), qty: qty(300) }));
    ex.place(order({ account: 'bob', side: 'BUY', px: px(5000), qty: qty(200) }));
    const b = ex.book('M')!;
    expect(b.asks).toEqual([{ yesPx: 5500, qty: 300, orders: 1 }]);
    expect(b.bids).toEqual([{ yesPx: 5000, qty: 200, orders: 1 }]);
  });

  it('minting and burning move exactly $1 per pair through escrow', () => {
    const { ex } = makeExchange();
    ex.place(order({ account: 'alice', side: 'BUY', px: px(5500), qty: qty(100) }));
    ex.place(order({ account: 'bob', side: 'BUY', outcome: 'NO', px: px(4500), qty: qty(100) }));
    expect(ex.escrowOf('M')).toBe(1_000_000);
    expect(ex.account('alice')!.positions.get('M')).toEqual({ yes: 100, no: 0 });
    expect(ex.account('bob')!.positions.get('M')).toEqual({ yes: 0, no: 100 });
    // both sell back to each other's bids: burn
    ex.place(order({ account: 'alice', side: 'SELL', px: px(5000), qty: qty(100) })); // YES ask 0.50
    ex.place(order({ account: 'bob', side: 'SELL', outcome: 'NO', px: px(5000), qty: qty(100) })); // YES bid 0.50
    expect(ex.escrowOf('M')).toBe(0);
    expectConserved(ex);
  });
});

describe('time in force', () => {
  it('IOC fills what it can and cancels the rest', () => {
    const { ex } = makeExchange();
    ex.place(order({ account: 'alice', side: 'BUY', px: px(5000), qty: qty(100) }));
    const r = ex.place(
      order({ account: 'bob', side: 'BUY', outcome: 'NO', px: px(5000), qty: qty(300), tif: 'IOC' }),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.order.filled).toBe(100);
    expect(r.order.status).toBe('cancelled');
    expect(r.order.cancelReason).toBe('ioc_remainder');
    expect(ex.book('M')!.asks).toEqual([]);
    expect(ex.account('bob')!.reserved).toBe(0);
  });

  it('FOK fills all or nothing', () => {
    const { ex } = makeExchange();
    ex.place(order({ account: 'alice', side: 'BUY', px: px(5000), qty: qty(100) }));
    const before = ex.seq;
    const no = ex.place(
      order({ account: 'bob', side: 'BUY', outcome: 'NO', px: px(5000), qty: qty(101), tif: 'FOK' }),
    );
    expect(no.ok).toBe(false);
    if (!no.ok) expect(no.code).toBe('FOK_NOT_FILLED');
    expect(ex.book('M')!.bids[0]!.qty).toBe(100);
    expect(ex.seq).toBe(before + 1); // only the reject event
    const yes = ex.place(
      order({ account: 'bob', side: 'BUY', outcome: 'NO', px: px(5000), qty: qty(100), tif: 'FOK' }),
    );
    expect(yes.ok && yes.order.status).toBe('filled');
  });

  it('GTD orders expire at their time on the simulated clock', () => {
    const { ex, clock } = makeExchange();
    const bad = ex.place(
      order({
        account: 'alice',
        side: 'BUY',
        px: px(5000),
        qty: qty(100),
        tif: 'GTD',
        expiresAtMs: clock.now(),
      }),
    );
    expect(!bad.ok && bad.code).toBe('INVALID_EXPIRATION');
    const r = ex.place(
      order({
        account: 'alice',
        side: 'BUY',
        px: px(5000),
        qty: qty(100),
        tif: 'GTD',
        expiresAtMs: clock.now() + 60_000,
      }),
    );
    if (!r.ok) throw new Error(r.message);
    clock.advance(59_999);
    expect(ex.order(r.order.id)!.status).toBe('resting');
    clock.advance(1);
    expect(ex.order(r.order.id)!.status).toBe('expired');
    expect(ex.book('M')!.bids).toEqual([]);
    expect(ex.account('alice')!.reserved).toBe(0);
  });

  it('post-only rejects an order that would cross and never takes', () => {
    const { ex } = makeExchange();
    ex.place(order({ account: 'alice', side: 'BUY', px: px(5000), qty: qty(100) }));
    const r = ex.place(
      order({ account: 'bob', side: 'BUY', outcome: 'NO', px: px(5000), qty: qty(100), postOnly: true }),
    );
    expect(!r.ok && r.code).toBe('POST_ONLY_WOULD_CROSS');
    const ok = ex.place(
      order({ account: 'bob', side: 'BUY', outcome: 'NO', px: px(4900), qty: qty(100), postOnly: true }),
    );
    expect(ok.ok && ok.fills.length).toBe(0);
  });
});

describe('self-trade prevention', () => {
  it('cancel_taker stops the incoming order at its own resting order', () => {
    const { ex } = makeExchange();
    ex.place(order({ account: 'alice', side: 'BUY', px: px(5000), qty: qty(100) }));
    const r = ex.place(order({ account: 'alice', side: 'BUY', outcome: 'NO', px: px(5000), qty: qty(100) }));
    expect(r.ok && [r.order.status, r.order.cancelReason, r.order.filled]).toEqual([
      'cancelled',
      'self_trade',
      0,
    ]);
    expect(ex.book('M')!.bids[0]!.qty).toBe(100);
  });

  it('cancel_maker removes the resting order and keeps matching', () => {
    const { ex } = makeExchange();
    const own = ex.place(order({ account: 'alice', side: 'BUY', px: px(5100), qty: qty(100) }));
    ex.place(order({ account: 'bob', side: 'BUY', px: px(5000), qty: qty(100) }));
    const r = ex.place(
      order({
        account: 'alice',
        side: 'BUY',
        outcome: 'NO',
        px: px(5000),
        qty: qty(100),
        stp: 'cancel_maker',
      }),
    );
    if (!r.ok || !own.ok) throw new Error('rejected');
    expect(ex.order(own.order.id)!.cancelReason).toBe('self_trade');
    expect(r.fills).toHaveLength(1);
    expect(r.fills[0]!.px).toBe(5000);
  });
});

describe('cancel, decrease, amend, queue position', () => {
  it('decrease keeps priority; amend keeps it only for a same-price shrink', () => {
    const { ex } = makeExchange();
    const a = ex.place(order({ account: 'alice', side: 'BUY', px: px(5000), qty: qty(300) }));
    const b = ex.place(order({ account: 'bob', side: 'BUY', px: px(5000), qty: qty(200) }));
    if (!a.ok || !b.ok) throw new Error('rejected');
    expect(ex.queuePosition(b.order.id)).toBe(300);
    expect(ex.decrease('alice', a.order.id, qty(100)).ok).toBe(true);
    expect(ex.queuePosition(a.order.id)).toBe(0);
    expect(ex.queuePosition(b.order.id)).toBe(200);
    expect(ex.amend('alice', a.order.id, { qty: qty(150) }).ok).toBe(true); // shrink: stays first
    expect(ex.queuePosition(a.order.id)).toBe(0);
    expect(ex.amend('alice', a.order.id, { qty: qty(250) }).ok).toBe(true); // grow: goes behind bob
    expect(ex.queuePosition(a.order.id)).toBe(200);
    expect(ex.queuePosition(b.order.id)).toBe(0);
    expect(ex.book('M')!.bids).toEqual([{ yesPx: 5000, qty: 450, orders: 2 }]);
    expect(ex.amend('bob', b.order.id, { px: px(5100) }).ok).toBe(true);
    expect(ex.book('M')!.bids.map((l) => [l.yesPx, l.qty])).toEqual([
      [5100, 200],
      [5000, 250],
    ]);
    expectConserved(ex);
  });

  it('an amend that crosses trades immediately', () => {
    const { ex } = makeExchange();
    ex.place(order({ account: 'alice', side: 'BUY', outcome: 'NO', px: px(4000), qty: qty(100) })); // YES ask 0.60
    const b = ex.place(order({ account: 'bob', side: 'BUY', px: px(5500), qty: qty(100) }));
    if (!b.ok) throw new Error('rejected');
    const r = ex.amend('bob', b.order.id, { px: px(6000) });
    expect(r.ok && [r.order.status, r.order.filled]).toEqual(['filled', 100]);
    expectConserved(ex);
  });

  it('refuses operations on others’ orders, finished orders and unknown ids', () => {
    const { ex } = makeExchange();
    const a = ex.place(order({ account: 'alice', side: 'BUY', px: px(5000), qty: qty(100) }));
    if (!a.ok) throw new Error('rejected');
    expect(ex.cancel('bob', a.order.id)).toMatchObject({ ok: false, code: 'NOT_OWNER' });
    expect(ex.cancel('alice', 'nope')).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(ex.cancel('alice', a.order.id).ok).toBe(true);
    expect(ex.cancel('alice', a.order.id)).toMatchObject({ ok: false, code: 'ORDER_NOT_OPEN' });
    expect(ex.account('alice')!.reserved).toBe(0);
    expect(ex.account('alice')!.balance).toBe(1_000_000_000);
  });
});

describe('validation', () => {
  it('rejects bad orders with a code and changes nothing', () => {
    const { ex } = makeExchange({ minSize: 500, cash: 1_000_000 });
    const cases: [Parameters<typeof order>[0], string][] = [
      [{ account: 'alice', side: 'BUY', px: px(5050), qty: qty(500) }, 'INVALID_PRICE'],
      [{ account: 'alice', side: 'BUY', px: px(0), qty: qty(500) }, 'INVALID_PRICE'],
      [{ account: 'alice', side: 'BUY', px: px(5000), qty: qty(0) }, 'INVALID_SIZE'],
      [{ account: 'alice', side: 'BUY', px: px(5000), qty: qty(499) }, 'BELOW_MIN_SIZE'],
      [{ account: 'alice', side: 'BUY', px: px(5000), qty: qty(300) }, 'BELOW_MIN_SIZE'],
      [{ account: 'alice', side: 'BUY', px: px(5000), qty: qty(1000) }, 'INSUFFICIENT_BALANCE'], // $5 > $1
      [{ account: 'alice', side: 'SELL', px: px(5000), qty: qty(500) }, 'INSUFFICIENT_POSITION'],
      [{ account: 'alice', side: 'BUY', px: px(5000), qty: qty(500), market: 'X' }, 'MARKET_NOT_FOUND'],
    ];
    for (const [req, code] of cases) {
      const r = ex.place(order(req));
      expect(!r.ok && r.code, JSON.stringify(req)).toBe(code);
    }
    expect(ex.orders()).toEqual([]);
    expect(ex.account('alice')!.balance).toBe(1_000_000);
  });

  it('a duplicate client order id is rejected and creates nothing', () => {
    const { ex } = makeExchange();
    expect(
      ex.place(order({ account: 'alice', side: 'BUY', px: px(5000), qty: qty(100), clientOrderId: 'c1' })).ok,
    ).toBe(true);
    const dup = ex.place(
      order({ account: 'alice', side: 'BUY', px: px(4000), qty: qty(100), clientOrderId: 'c1' }),
    );
    expect(!dup.ok && dup.code).toBe('DUPLICATE_CLIENT_ORDER_ID');
    expect(
      ex.place(order({ account: 'bob', side: 'BUY', px: px(4000), qty: qty(100), clientOrderId: 'c1' })).ok,
    ).toBe(true);
    expect(ex.orders({ account: 'alice' })).toHaveLength(1);
    expect(ex.orderByClientId('alice', 'c1')!.px).toBe(5000);
  });

  it('halt and cancel-only gate order entry; paused markets refuse orders', () => {
    const { ex } = makeExchange();
    const r = ex.place(order({ account: 'alice', side: 'BUY', px: px(5000), qty: qty(100) }));
    if (!r.ok) throw new Error('rejected');
    ex.setStatus('cancel_only');
    expect(ex.place(order({ account: 'bob', side: 'BUY', px: px(5000), qty: qty(100) }))).toMatchObject({
      code: 'CANCEL_ONLY',
    });
    ex.setStatus('halted');
    expect(ex.cancel('alice', r.order.id)).toMatchObject({ code: 'EXCHANGE_HALTED' });
    ex.setStatus('cancel_only');
    expect(ex.cancel('alice', r.order.id).ok).toBe(true);
    ex.setStatus('open');
    ex.setMarketStatus('M', 'paused');
    expect(ex.place(order({ account: 'bob', side: 'BUY', px: px(5000), qty: qty(100) }))).toMatchObject({
      code: 'MARKET_NOT_OPEN',
    });
  });
});

describe('fees and settlement', () => {
  it('Kalshi deci-cent: the fee of a one-fill order is exactly what the verifier charges (feeFor)', () => {
    // 1 contract at $0.505: model fee $0.0175; the balance change −$0.5225 floors to −$0.53, so the venue takes
    // $0.025. The classic cent round-up ($0.02) under-charged by half a cent; the verifier must charge $0.025.
    const fees = kalshiFeeModel();
    const takerFee = (p: number, q: number): number => {
      const { ex } = makeExchange({ venue: 'kalshi', fees, tick: 10 });
      // Alice's NO bid at 1 − p is a YES ask at p.
      ex.place(order({ account: 'alice', side: 'BUY', outcome: 'NO', px: px(10_000 - p), qty: qty(q) }));
      const r = ex.place(order({ account: 'bob', side: 'BUY', px: px(p), qty: qty(q), tif: 'IOC' }));
      if (!r.ok) throw new Error(r.message);
      expect(r.fills).toHaveLength(1);
      expectConserved(ex);
      return r.fills[0]!.fee;
    };
    expect(takerFee(5050, 100)).toBe(25_000);
    for (const [p, q] of [
      [5050, 100],
      [5010, 100],
      [5090, 300],
      [1230, 700],
      [9990, 100],
    ] as const)
      expect(takerFee(p, q), `${q / 100} @ ${p / 10_000}`).toBe(feeFor(fees, 'taker', px(p), qty(q), 'BUY'));
  });

  it('charges the Polymarket taker fee exactly and nothing to the maker', () => {
    const { ex } = makeExchange({ fees: polymarketFeeModel(40_000) });
    ex.place(order({ account: 'alice', side: 'BUY', px: px(5000), qty: qty(10_000) }));
    const r = ex.place(order({ account: 'bob', side: 'BUY', outcome: 'NO', px: px(5000), qty: qty(10_000) }));
    if (!r.ok) throw new Error(r.message);
    expect(r.fills[0]!.fee).toBe(1_000_000); // 100 × 0.04 × 0.25
    expect(ex.fills({ account: 'alice' })[0]!.fee).toBe(0);
    expect(ex.account('bob')!.balance).toBe(1_000_000_000 - 50_000_000 - 1_000_000);
    expectConserved(ex);
  });

  it('Kalshi: sub-cent fee rule in whole cents, auto-netting YES against NO, $1 per winning contract', () => {
    const { ex } = makeExchange({ venue: 'kalshi', fees: kalshiFeeModel() });
    ex.place(order({ account: 'alice', side: 'BUY', px: px(5000), qty: qty(1000) }));
    const r = ex.place(order({ account: 'bob', side: 'BUY', outcome: 'NO', px: px(5000), qty: qty(1000) }));
    if (!r.ok) throw new Error(r.message);
    expect(r.fills[0]!.fee).toBe(180_000); // 0.175 model fee, balance floored to the cent
    expect(ex.account('bob')!.balance).toBe(1_000_000_000 - 5_180_000);
    // bob buys YES back: his NO and YES net into $1 per pair
    ex.place(order({ account: 'carol', side: 'BUY', outcome: 'NO', px: px(4000), qty: qty(1000) }));
    ex.place(order({ account: 'bob', side: 'BUY', px: px(6000), qty: qty(1000) }));
    expect(ex.account('bob')!.positions.get('M')).toBeUndefined();
    expectConserved(ex);
    ex.resolve('M', 'YES');
    expect(ex.account('alice')!.balance).toBe(1_000_000_000 - 5_000_000 + 10_000_000); // maker paid no fee
    expect(ex.account('carol')!.positions.get('M')).toBeUndefined();
    expect(ex.escrowOf('M')).toBe(0);
    expect(ex.market('M')!.status).toBe('settled');
    expectConserved(ex);
  });

  it('settlement cancels resting orders and releases their cash', () => {
    const { ex } = makeExchange();
    const r = ex.place(order({ account: 'alice', side: 'BUY', px: px(3000), qty: qty(100) }));
    ex.resolve('M', 'NO');
    expect(r.ok && ex.order(r.order.id)!.cancelReason).toBe('settled');
    expect(ex.account('alice')!.reserved).toBe(0);
    expect(() => ex.resolve('M', 'YES')).toThrow(/already settled/);
  });
});

describe('event log', () => {
  it('a book read while a trade’s events are going out never shows the level the trade emptied', () => {
    const { ex } = makeExchange();
    ex.place(order({ account: 'alice', side: 'BUY', px: px(5000), qty: qty(100) }));
    ex.place(order({ account: 'alice', side: 'BUY', px: px(4900), qty: qty(100) }));
    const seen: number[][] = [];
    ex.subscribe((e) => {
      if (e.type === 'book') seen.push(ex.book('M')!.bids.map((l) => l.qty));
    });
    ex.place(order({ account: 'bob', side: 'BUY', outcome: 'NO', px: px(5000), qty: qty(100) }));
    expect(seen).toEqual([[100]]);
  });

  it('numbers every event and replays the book from book events', () => {
    const { ex, events } = makeExchange();
    ex.place(order({ account: 'alice', side: 'BUY', px: px(5000), qty: qty(300) }));
    ex.place(order({ account: 'bob', side: 'BUY', outcome: 'NO', px: px(4000), qty: qty(200) }));
    ex.place(order({ account: 'carol', side: 'BUY', outcome: 'NO', px: px(5200), qty: qty(100) }));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const levels = new Map<string, number>();
    for (const e of events) if (e.type === 'book') levels.set(`${e.side}:${e.yesPx}`, e.qty);
    const b = ex.book('M')!;
    const fromBook = new Map([
      ...b.bids.map((l) => [`bid:${l.yesPx}`, l.qty] as const),
      ...b.asks.map((l) => [`ask:${l.yesPx}`, l.qty] as const),
    ]);
    expect(new Map([...levels].filter(([, q]) => q > 0))).toEqual(fromBook);
  });
});
