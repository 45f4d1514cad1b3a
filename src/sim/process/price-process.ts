/**
 * The agent-based price process that makes the simulated venues move like real ones:
 *
 * - a latent truth (`LatentWorld`) drifts slowly and jumps on news;
 * - each venue's market maker quotes a ladder around *its own view* of that truth;
 * - drift reaches every venue at once, but a news shock reaches one venue (the leader) first, its sibling
 *   markets a little later, and the other venue only after a lag: that is when arbitrage exists, and it decays
 *   when the laggard catches up;
 * - noise traders take liquidity at random, and the market maker refills what they took.
 *
 * Everything runs on the injected clock with forked seeded randomness, so a seed fixes the whole history.
 */
import type { Clock, TimerHandle } from '../../core/clock.ts';
import type { Outcome, Venue } from '../../core/market.ts';
import type { Rng } from '../../core/rng.ts';
import { asQty, type Px, pxComplement, type Qty } from '../../core/units.ts';
import type { Exchange } from '../engine/exchange.ts';
import type { Scenario, ScenarioMarket } from '../universe/types.ts';
import { LatentWorld } from './latent.ts';
import { fairPx, ladder } from './quoting.ts';
import type { PriceProcessControl } from '../faults/price-process-control.ts';
import type { ShockRecord } from './types.ts';

const MM = 'sim-market-maker';
const NOISE = 'sim-noise-trader';
/** Agents never run out of money: $100M each. */
const AGENT_CASH = 100_000_000 * 1_000_000;
/** Siblings of a shocked proposition on the leading venue reprice after this share of the cross-venue lag. */
const SIBLING_LAG_SHARE = 0.25;

interface QuotedMarket {
  readonly m: ScenarioMarket;
  readonly ex: Exchange;
  center: Px | undefined;
  frozen: boolean;
  /** The market maker was hit and should refill on the next requote tick. */
  dirty: boolean;
}

export interface PriceProcessContext {
  readonly scenario: Scenario;
  readonly exchanges: Readonly<Partial<Record<Venue, Exchange>>>;
  readonly clock: Clock;
  readonly rng: Rng;
}

export class PriceProcess implements PriceProcessControl {
  readonly latent: LatentWorld;
  /** Every news shock so far, oldest first. */
  readonly shocks: ShockRecord[] = [];
  private readonly params: Scenario['process'];
  private readonly quoted: QuotedMarket[] = [];
  private readonly byVenueKey = new Map<string, QuotedMarket>();
  private readonly byVenueProp = new Map<string, QuotedMarket[]>();
  /** Each venue's view of each proposition's probability. */
  private readonly views = new Map<string, number>();
  /** A venue's view of a proposition is waiting for news to arrive. */
  private readonly pending = new Map<string, TimerHandle>();
  private readonly timers: TimerHandle[] = [];
  private readonly unsubscribe: (() => void)[] = [];
  private readonly shockProps: string[];
  private readonly rng: { drift: Rng; noise: Rng; news: Rng; mm: Rng };
  private paused = false;
  private stopped = false;

  constructor(private readonly ctx: PriceProcessContext) {
    this.params = ctx.scenario.process;
    this.latent = new LatentWorld(ctx.scenario);
    this.rng = {
      drift: ctx.rng.fork('drift'),
      noise: ctx.rng.fork('noise'),
      news: ctx.rng.fork('news'),
      mm: ctx.rng.fork('mm'),
    };
    const venuesOf = new Map<string, Set<Venue>>();
    for (const m of ctx.scenario.markets) {
      const ex = ctx.exchanges[m.venue];
      if (!ex || !ex.market(m.key)) continue;
      const q: QuotedMarket = { m, ex, center: undefined, frozen: false, dirty: false };
      this.quoted.push(q);
      this.byVenueKey.set(`${m.venue}|${m.key}`, q);
      const k = `${m.venue}|${m.prop}`;
      this.byVenueProp.set(k, [...(this.byVenueProp.get(k) ?? []), q]);
      venuesOf.set(m.prop, (venuesOf.get(m.prop) ?? new Set()).add(m.venue));
    }
    // News that can be arbitraged is news about propositions listed on more than one venue.
    const cross = [...venuesOf].filter(([, v]) => v.size > 1).map(([p]) => p);
    this.shockProps = cross.length > 0 ? cross : [...venuesOf.keys()];
  }

  /** Open the agents' accounts, quote every market, and start the clocks. */
  start(): this {
    for (const ex of this.exchanges()) {
      ex.openAccount(MM, AGENT_CASH, { tracked: false });
      ex.openAccount(NOISE, AGENT_CASH, { tracked: false });
      this.unsubscribe.push(
        ex.subscribe((e) => {
          if (e.type === 'fill' && e.fill.account === MM) {
            const q = this.byVenueKey.get(`${ex.venue}|${e.fill.market}`);
            if (q) q.dirty = true;
          }
        }),
      );
    }
    for (const q of this.quoted) {
      this.views.set(`${q.m.venue}|${q.m.prop}`, this.latent.prob(q.m.prop));
      this.requote(q, true);
    }
    const p = this.params;
    this.timers.push(this.ctx.clock.setInterval(() => this.onDrift(), p.driftStepMs));
    this.timers.push(this.ctx.clock.setInterval(() => this.onRefill(), p.mmRequoteMs));
    this.scheduleArrivals(
      () => this.params.noiseTradesPerMarketHour * this.quoted.length,
      this.rng.noise,
      () => this.noiseTrade(),
    );
    this.scheduleArrivals(
      () => (this.shockProps.length === 0 ? 0 : this.params.newsShocksPerHour),
      this.rng.news,
      () => this.news(),
    );
    return this;
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) this.ctx.clock.clearTimer(t);
    for (const t of this.pending.values()) this.ctx.clock.clearTimer(t);
    this.pending.clear();
    for (const u of this.unsubscribe) u();
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
  }

  setFrozen(venue: Venue, marketKey: string | undefined, frozen: boolean): void {
    for (const q of this.quoted) {
      if (q.m.venue !== venue || (marketKey !== undefined && q.m.key !== marketKey)) continue;
      q.frozen = frozen;
      if (!frozen) this.requote(q, true);
    }
  }

  jump(venue: Venue, marketKey: string, yesDelta: number): void {
    const q = this.byVenueKey.get(`${venue}|${marketKey}`);
    if (!q) throw new Error(`no ${venue} market ${marketKey}`);
    const k = `${venue}|${q.m.prop}`;
    const propDelta = q.m.inverted ? -yesDelta : yesDelta;
    this.views.set(k, Math.min(0.99, Math.max(0.01, this.views.get(k)! + propDelta)));
    for (const sib of this.byVenueProp.get(k) ?? []) this.requote(sib, false);
  }

  /** The venue's current fair probability for a market's YES outcome. */
  fairYes(venue: Venue, marketKey: string): number | undefined {
    const q = this.byVenueKey.get(`${venue}|${marketKey}`);
    if (!q) return undefined;
    const p = this.views.get(`${venue}|${q.m.prop}`)!;
    return q.m.inverted ? 1 - p : p;
  }

  // ---- agents ------------------------------------------------------------------------------------

  private onDrift(): void {
    if (this.paused || this.stopped) return;
    const p = this.params;
    const changed = this.latent.drift(p.driftStepMs / 3_600_000, p.driftVolPerSqrtHour, this.rng.drift);
    // Drift is common knowledge: every venue sees it at once, unless it is still waiting for news.
    for (const prop of changed) for (const venue of this.venues()) this.syncView(venue, prop, false);
  }

  private onRefill(): void {
    if (this.paused || this.stopped) return;
    for (const q of this.quoted) if (q.dirty) this.requote(q, true);
  }

  /**
   * Poisson arrivals on the clock: `act` runs at each arrival (skipped while paused) until the process stops. The
   * rate is read again at every arrival, as the number of quoted markets may change.
   */
  private scheduleArrivals(perHour: () => number, rng: Rng, act: () => void): void {
    const rate = perHour();
    if (!(rate > 0)) return;
    const gap = rng.exponential(3_600_000 / rate);
    this.timers.push(
      this.ctx.clock.setTimeout(() => {
        if (this.stopped) return;
        if (!this.paused) act();
        this.scheduleArrivals(perHour, rng, act);
      }, gap),
    );
  }

  /** A liquidity taker crosses one to three levels of a random market with an immediate-or-cancel order. */
  private noiseTrade(): void {
    const r = this.rng.noise;
    const q = r.pick(this.quoted);
    const book = q.ex.book(q.m.key, 3);
    if (!book) return;
    const buyYes = r.bool();
    const levels = buyYes ? book.asks : book.bids;
    if (levels.length === 0) return;
    const reach = levels[Math.min(levels.length - 1, r.int(0, 2))]!.yesPx;
    const [lo, hi] = this.params.noiseTradeContracts;
    const contracts = Math.round(Math.exp(Math.log(lo) + r.float() * (Math.log(hi) - Math.log(lo))));
    q.ex.place({
      account: NOISE,
      market: q.m.key,
      outcome: buyYes ? 'YES' : 'NO',
      side: 'BUY',
      px: buyYes ? reach : pxComplement(reach),
      qty: asQty(Math.max(q.m.minSize, contracts * 100)),
      tif: 'IOC',
    });
  }

  /** A news shock: the truth jumps; the leader reprices now, its siblings soon, the other venue after a lag. */
  private news(): void {
    const r = this.rng.news;
    const prop = r.pick(this.shockProps);
    const [lo, hi] = this.params.newsShockSize;
    const delta = (lo + r.float() * (hi - lo)) * (r.bool() ? 1 : -1);
    const listing = this.venues().filter((v) => this.byVenueProp.has(`${v}|${prop}`));
    const leader = r.pick(listing);
    const [lagLo, lagHi] = this.params.venueLagMs;
    const lagMs = Math.round(lagLo + r.float() * (lagHi - lagLo));
    const before = this.latent.prob(prop);
    const changed = this.latent.shock(prop, delta);
    this.shocks.push({
      tsMs: this.ctx.clock.now(),
      prop,
      delta: this.latent.prob(prop) - before,
      leader,
      lagMs,
    });
    for (const venue of this.venues()) {
      for (const p of changed) {
        if (venue === leader && p === prop) this.syncView(venue, p, true);
        else this.delayView(venue, p, venue === leader ? Math.round(lagMs * SIBLING_LAG_SHARE) : lagMs);
      }
    }
  }

  // ---- views and quotes ----------------------------------------------------------------------------

  /** Bring a venue's view of `prop` up to the truth and requote its markets there. */
  private syncView(venue: Venue, prop: string, force: boolean): void {
    const k = `${venue}|${prop}`;
    const markets = this.byVenueProp.get(k);
    if (!markets) return;
    const waiting = this.pending.get(k);
    if (waiting && !force) return;
    if (waiting) {
      this.ctx.clock.clearTimer(waiting);
      this.pending.delete(k);
    }
    this.views.set(k, this.latent.prob(prop));
    for (const q of markets) this.requote(q, false);
  }

  /** The venue learns about `prop` only after `delayMs` (an earlier pending update keeps its time). */
  private delayView(venue: Venue, prop: string, delayMs: number): void {
    const k = `${venue}|${prop}`;
    if (!this.byVenueProp.has(k) || this.pending.has(k)) return;
    this.pending.set(
      k,
      this.ctx.clock.setTimeout(() => {
        this.pending.delete(k);
        if (!this.stopped) this.syncView(venue, prop, true);
      }, delayMs),
    );
  }

  /** Replace the market maker's ladder when the fair price moved (or always, when `force`). */
  private requote(q: QuotedMarket, force: boolean): void {
    if (q.frozen || this.stopped) return;
    const p = this.views.get(`${q.m.venue}|${q.m.prop}`)!;
    const center = fairPx(q.m.grid, q.m.inverted ? 1 - p : p);
    if (!force && center === q.center) return;
    q.center = center;
    q.dirty = false;
    q.ex.cancelAll(MM, q.m.key);
    const pp = this.params;
    const l = ladder(
      q.m.grid,
      center,
      pp.mmHalfSpreadTicks,
      pp.mmLevels,
      pp.mmLevelContracts,
      q.m.minSize,
      this.rng.mm,
    );
    for (const b of l.bids) this.quote(q, 'YES', b.yesPx, b.qty);
    for (const a of l.asks) this.quote(q, 'NO', pxComplement(a.yesPx), a.qty);
  }

  private quote(q: QuotedMarket, outcome: Outcome, px: Px, qty: Qty): void {
    // Post-only: a maker that would cross a stale opposite quote simply doesn't place that level.
    q.ex.place({ account: MM, market: q.m.key, outcome, side: 'BUY', px, qty, tif: 'GTC', postOnly: true });
  }

  private venues(): Venue[] {
    return (Object.keys(this.ctx.exchanges) as Venue[])
      .filter((v) => this.ctx.exchanges[v] !== undefined)
      .sort();
  }

  private exchanges(): Exchange[] {
    return this.venues().map((v) => this.ctx.exchanges[v]!);
  }
}
