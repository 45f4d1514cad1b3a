import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng.ts';
import { FaultInjector, type PriceProcessControl } from '../../../src/sim/faults/index.ts';
import { makeExchange, order, px, qty } from '../engine/helpers.ts';

function setup() {
  const { ex, clock } = makeExchange({ venue: 'kalshi', markets: ['M', 'N'] });
  const injector = new FaultInjector(clock, new Rng(1).fork('faults'));
  injector.attachExchange('kalshi', ex);
  return { ex, clock, injector };
}

/** bob bids for 10 NO at 0.50 on `market`: an ask for YES at 0.50. */
function offer(ex: ReturnType<typeof setup>['ex'], market = 'M') {
  const r = ex.place(
    order({ account: 'bob', market, side: 'BUY', outcome: 'NO', px: px(5000), qty: qty(1000) }),
  );
  expect(r.ok).toBe(true);
}

describe('exchange faults', () => {
  it('reject_orders: orders are rejected with the code, only where it applies; clears when removed', () => {
    const { ex, injector } = setup();
    const id = injector.add({
      venue: 'kalshi',
      kind: 'reject_orders',
      params: { market: 'M', account: 'alice' },
    });
    const buy = order({ account: 'alice', side: 'BUY', px: px(4000), qty: qty(100) });
    expect(ex.place(buy)).toMatchObject({
      ok: false,
      code: 'INJECTED_REJECT',
      message: 'order rejected (injected fault)',
    });
    expect(ex.place({ ...buy, account: 'carol' }).ok).toBe(true);
    expect(ex.place({ ...buy, market: 'N' }).ok).toBe(true);
    injector.remove(id);
    injector.add({
      venue: 'kalshi',
      kind: 'reject_orders',
      params: { code: 'INSUFFICIENT_BALANCE', account: '*' },
      count: 1,
    });
    expect(ex.place(buy)).toMatchObject({ ok: false, code: 'INSUFFICIENT_BALANCE' });
    expect(ex.place(buy).ok).toBe(true);
    // Without `account`, only the bot's orders are hit: the simulated market makers keep quoting.
    injector.clear();
    injector.add({ venue: 'kalshi', kind: 'reject_orders' });
    expect(ex.place(buy).ok).toBe(true);
    expect(injector.list()[0]!.spec.params).toMatchObject({ account: 'bot' });
  });

  it('partial_fill: an order fills at most the fraction now; the rest follows its time in force', () => {
    const { ex, injector } = setup();
    offer(ex);
    const id = injector.add({
      venue: 'kalshi',
      kind: 'partial_fill',
      params: { fraction: 0.3, account: '*' },
    });
    const ioc = ex.place(order({ account: 'alice', side: 'BUY', px: px(5000), qty: qty(1000), tif: 'IOC' }));
    expect(ioc.ok && ioc.order).toMatchObject({ filled: 300, status: 'cancelled' });
    const gtc = ex.place(order({ account: 'alice', side: 'BUY', px: px(5000), qty: qty(500) }));
    expect(gtc.ok && gtc.order).toMatchObject({ filled: 150, status: 'resting' });
    injector.remove(id);
    const full = ex.place(order({ account: 'carol', side: 'BUY', px: px(5000), qty: qty(550) }));
    expect(full.ok && full.order).toMatchObject({ filled: 550, status: 'filled' });
  });

  it('halt: the exchange halts while the fault is active and reopens when it is removed', () => {
    const { ex, injector } = setup();
    const id = injector.add({ venue: 'kalshi', kind: 'halt' });
    expect(ex.status).toBe('halted');
    expect(ex.place(order({ account: 'alice', side: 'BUY', px: px(4000), qty: qty(100) }))).toMatchObject({
      ok: false,
      code: 'EXCHANGE_HALTED',
    });
    expect(injector.get(id)).toMatchObject({ state: 'active', applied: 1 });
    injector.remove(id);
    expect(ex.status).toBe('open');
  });

  it('cancel_only: new orders refused, cancels allowed; a halt on top wins until it ends', () => {
    const { ex, injector } = setup();
    const resting = ex.place(order({ account: 'alice', side: 'BUY', px: px(4000), qty: qty(100) }));
    const co = injector.add({ venue: '*', kind: 'cancel_only' });
    expect(ex.status).toBe('cancel_only');
    expect(ex.place(order({ account: 'alice', side: 'BUY', px: px(4000), qty: qty(100) }))).toMatchObject({
      code: 'CANCEL_ONLY',
    });
    expect(resting.ok && ex.cancel('alice', resting.order.id).ok).toBe(true);
    const halt = injector.add({ venue: 'kalshi', kind: 'halt' });
    expect(ex.status).toBe('halted');
    injector.remove(halt);
    expect(ex.status).toBe('cancel_only');
    injector.remove(co);
    expect(ex.status).toBe('open');
  });

  it('halt on a schedule: switches on at fromMs and off at untilMs on the sim clock', () => {
    const { ex, clock, injector } = setup();
    const id = injector.add({
      venue: 'kalshi',
      kind: 'halt',
      fromMs: clock.now() + 1_000,
      untilMs: clock.now() + 3_000,
    });
    expect(ex.status).toBe('open');
    expect(injector.get(id)!.state).toBe('scheduled');
    clock.advance(1_000);
    expect(ex.status).toBe('halted');
    clock.advance(1_999);
    expect(ex.status).toBe('halted');
    clock.advance(1);
    expect(ex.status).toBe('open');
    expect(injector.get(id)!.state).toBe('expired');
  });

  it('does not reopen an exchange it did not close', () => {
    const { ex, injector } = setup();
    injector.add({ venue: 'polymarket', kind: 'halt' });
    ex.setStatus('cancel_only');
    injector.clear();
    expect(ex.status).toBe('cancel_only');
  });

  it('price_jump: asks the price process to jump (at fromMs); without one it says so', () => {
    const { clock, injector } = setup();
    const none = injector.add({
      venue: 'kalshi',
      kind: 'price_jump',
      params: { market: 'M', yesDelta: 0.05 },
    });
    expect(injector.get(none)).toMatchObject({
      state: 'done',
      applied: 0,
      note: 'no price process attached',
    });

    const jumps: string[] = [];
    const control: PriceProcessControl = {
      jump: (venue, market, delta) => jumps.push(`${venue} ${market} ${delta}`),
      setFrozen: () => undefined,
      setPaused: () => undefined,
    };
    injector.attachPriceProcess(control);
    const id = injector.add({
      venue: 'kalshi',
      kind: 'price_jump',
      fromMs: clock.now() + 500,
      params: { market: 'M', yesDelta: -0.1 },
    });
    expect(jumps).toEqual([]);
    expect(injector.get(id)!.state).toBe('scheduled');
    clock.advance(500);
    expect(jumps).toEqual(['kalshi M -0.1']);
    expect(injector.get(id)).toMatchObject({ state: 'done', applied: 1 });
    injector.remove(id);
    clock.advance(10_000);
    expect(jumps).toHaveLength(1);
  });
});
