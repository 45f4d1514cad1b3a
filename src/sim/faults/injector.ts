/**
 * The fault injector: holds the active fault specs and answers, per request, frame or order, what goes wrong.
 * Per-event faults (REST, WS, order faults) are evaluated lazily against the clock when the event happens;
 * state faults (halt, cancel_only, price_jump, book_freeze with `process`) are switched on and off by timers on
 * the injected clock. Randomness comes from one forked `Rng`, consumed in fault order, so a seed fixes every
 * decision.
 */
import type { Clock, TimerHandle } from '../../core/clock.ts';
import type { Venue } from '../../core/market.ts';
import type { Rng } from '../../core/rng.ts';
import { asQty } from '../../core/units.ts';
import type { PlaceHook, PlaceHookResult } from '../engine/exchange.ts';
import type { ExchangeStatus, OrderRequest } from '../engine/types.ts';
import { channelMatches, restEndpoint, type RestEndpointMatcher } from './endpoint.ts';
import type { PriceProcessControl } from './price-process-control.ts';
import {
  categoryOf,
  type FaultKind,
  type FaultSpec,
  FaultSpecError,
  type FaultVenue,
  parseFaultSpec,
  parseFaultSpecs,
} from './spec.ts';

/** The part of an `Exchange` the injector drives. */
export interface ExchangeControl {
  setStatus(status: ExchangeStatus): void;
  setPlaceHook(hook: PlaceHook | undefined): void;
}

export type FaultState = 'scheduled' | 'active' | 'expired' | 'exhausted' | 'done';

export interface FaultStatus {
  readonly id: string;
  readonly spec: FaultSpec;
  readonly state: FaultState;
  /** How many times it acted (requests answered, frames disturbed, orders touched, activations). */
  readonly applied: number;
  readonly note?: string;
}

export interface AppliedFault {
  readonly id: string;
  readonly kind: FaultKind;
  readonly venue: Venue;
  readonly atMs: number;
}

export type RestAction =
  | { readonly kind: 'pass' }
  | { readonly kind: 'http_429' }
  | { readonly kind: 'http_5xx'; readonly status: number }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'drop_response' };

export interface RestPlan {
  /** Added before the request is handled (sum of every latency fault that fired). */
  readonly delayMs: number;
  readonly action: RestAction;
}

export interface FrameInfo {
  readonly market?: string | undefined;
  /** Book snapshot/delta frames: the only ones `book_stale` and `book_freeze` touch. */
  readonly book: boolean;
}

export interface FramePlan {
  /** Close the connection instead of sending (`code` undefined: cut the socket). */
  readonly disconnect?: { readonly code: number | undefined };
  /** `book_freeze`: the frame is never produced (no sequence number used). */
  readonly suppress: boolean;
  /** `ws_gap`: the frame is lost after taking its sequence number. */
  readonly drop: boolean;
  readonly malformed: boolean;
  readonly duplicate: boolean;
  /** `ws_reorder`: hold the frame until the next one on its subscription has gone out. */
  readonly reorder?: { readonly maxHoldMs: number };
  /** `book_stale`: deliver this much later. */
  readonly delayMs: number;
}

interface Entry {
  readonly id: string;
  readonly spec: FaultSpec;
  readonly rest: RestEndpointMatcher | undefined;
  applied: number;
  note: string | undefined;
  /** State faults: currently switched on. */
  engaged: boolean;
  /** price_jump: has fired (or found nothing to act on). */
  done: boolean;
  readonly timers: TimerHandle[];
}

const PASS: RestPlan = { delayMs: 0, action: { kind: 'pass' } };
const NO_FRAME_FAULT: FramePlan = {
  suppress: false,
  drop: false,
  malformed: false,
  duplicate: false,
  delayMs: 0,
};
const NO_PROCESS = 'no price process attached';

export class FaultInjector {
  private readonly entries = new Map<string, Entry>();
  private readonly exchanges = new Map<Venue, ExchangeControl>();
  /** Venues whose exchange status a fault has changed, so clearing it restores `open`. */
  private readonly imposed = new Set<Venue>();
  private readonly listeners = new Set<(a: AppliedFault) => void>();
  private priceProcess: PriceProcessControl | undefined;
  private nextId = 1;

  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  // ---- wiring ---------------------------------------------------------------------------------------

  /** Route the venue's order entry through `reject_orders`/`partial_fill` and let halts set its status. */
  attachExchange(venue: Venue, exchange: ExchangeControl): void {
    this.exchanges.set(venue, exchange);
    exchange.setPlaceHook((req) => this.placeDecision(venue, req));
  }

  attachPriceProcess(process: PriceProcessControl | undefined): void {
    this.priceProcess = process;
    if (!process) return;
    for (const e of this.entries.values())
      if (e.engaged && e.spec.kind === 'book_freeze') this.freeze(e, true);
  }

  /** Called every time a fault acts; returns an unsubscribe function. */
  onApplied(listener: (a: AppliedFault) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- managing faults -------------------------------------------------------------------------------

  /** Validate and add one spec; throws `FaultSpecError` (path-qualified issues) when it is malformed. */
  add(input: unknown): string {
    const r = parseFaultSpec(input);
    if (!r.ok) throw new FaultSpecError(r.issues);
    return this.insert(r.value);
  }

  /** One spec or a list, all-or-nothing. */
  addAll(input: unknown): string[] {
    const r = parseFaultSpecs(input);
    if (!r.ok) throw new FaultSpecError(r.issues);
    return r.value.map((s) => this.insert(s));
  }

  remove(id: string): boolean {
    const e = this.entries.get(id);
    if (!e) return false;
    this.entries.delete(id);
    for (const t of e.timers) this.clock.clearTimer(t);
    if (e.engaged) this.disengage(e);
    return true;
  }

  /** Remove every fault, or every fault that applies to `venue` (including `*` ones); returns their ids. */
  clear(venue?: Venue): string[] {
    const ids = [...this.entries.values()].filter(
      (e) => venue === undefined || appliesTo(e.spec.venue, venue),
    );
    return ids.map((e) => e.id).filter((id) => this.remove(id));
  }

  /** Faults in the order added, optionally only those that apply to `venue`. */
  list(venue?: Venue): FaultStatus[] {
    return [...this.entries.values()]
      .filter((e) => venue === undefined || appliesTo(e.spec.venue, venue))
      .map((e) => this.status(e));
  }

  get(id: string): FaultStatus | undefined {
    const e = this.entries.get(id);
    return e && this.status(e);
  }

  /** Drop every fault and timer (restoring exchange statuses) and detach from the exchanges. */
  dispose(): void {
    this.clear();
    for (const ex of this.exchanges.values()) ex.setPlaceHook(undefined);
    this.exchanges.clear();
    this.priceProcess = undefined;
  }

  // ---- decisions -----------------------------------------------------------------------------------

  /** What happens to `METHOD path` (relative to the venue's API base). */
  restPlan(venue: Venue, method: string, path: string): RestPlan {
    let delayMs = 0;
    let action: RestAction = PASS.action;
    for (const e of this.entries.values()) {
      if (!e.rest || !appliesTo(e.spec.venue, venue) || !e.rest.matches(method, path)) continue;
      const s = e.spec;
      if (s.kind === 'latency') {
        if (this.fire(e, venue)) delayMs += this.sampleLatency(s.params.ms);
      } else if (action.kind === 'pass' && this.fire(e, venue)) {
        action =
          s.kind === 'http_5xx'
            ? { kind: 'http_5xx', status: s.params.status }
            : { kind: s.kind as 'http_429' };
      }
    }
    return delayMs === 0 && action.kind === 'pass' ? PASS : { delayMs, action };
  }

  /** What happens to one outgoing WebSocket frame on `channel`. */
  framePlan(venue: Venue, channel: string, frame: FrameInfo): FramePlan {
    const candidates = [...this.entries.values()].filter(
      (e) =>
        categoryOf(e.spec.kind) === 'ws' &&
        appliesTo(e.spec.venue, venue) &&
        channelMatches(e.spec.endpoint, channel) &&
        marketMatches(e.spec, frame.market) &&
        (frame.book || (e.spec.kind !== 'book_stale' && e.spec.kind !== 'book_freeze')),
    );
    for (const e of candidates) {
      if (e.spec.kind === 'ws_disconnect' && this.fire(e, venue)) {
        return { ...NO_FRAME_FAULT, disconnect: { code: e.spec.params.code } };
      }
    }
    for (const e of candidates) {
      if (e.spec.kind === 'book_freeze' && this.fire(e, venue)) return { ...NO_FRAME_FAULT, suppress: true };
    }
    let delayMs = 0;
    let disruption: Pick<FramePlan, 'drop' | 'malformed' | 'duplicate' | 'reorder'> | undefined;
    for (const e of candidates) {
      const s = e.spec;
      // Disconnect and freeze were decided above; firing them again here would count phantom applications.
      if (s.kind === 'ws_disconnect' || s.kind === 'book_freeze') continue;
      if (s.kind === 'book_stale') {
        if (this.fire(e, venue)) delayMs = Math.max(delayMs, s.params.ms);
      } else if (disruption === undefined && this.fire(e, venue)) {
        if (s.kind === 'ws_gap') disruption = { drop: true, malformed: false, duplicate: false };
        else if (s.kind === 'ws_malformed') disruption = { drop: false, malformed: true, duplicate: false };
        else if (s.kind === 'ws_duplicate') disruption = { drop: false, malformed: false, duplicate: true };
        else if (s.kind === 'ws_reorder')
          disruption = {
            drop: false,
            malformed: false,
            duplicate: false,
            reorder: { maxHoldMs: s.params.maxHoldMs },
          };
      }
    }
    if (delayMs === 0 && disruption === undefined) return NO_FRAME_FAULT;
    return { ...NO_FRAME_FAULT, ...disruption, delayMs };
  }

  /** The exchange place hook: reject the order, or cap what it may fill now. */
  placeDecision(venue: Venue, req: OrderRequest): PlaceHookResult | undefined {
    let maxFillQty: number | undefined;
    for (const e of this.entries.values()) {
      const s = e.spec;
      if ((s.kind !== 'reject_orders' && s.kind !== 'partial_fill') || !appliesTo(s.venue, venue)) continue;
      if (s.params.market !== undefined && s.params.market !== req.market) continue;
      if (s.params.account !== '*' && s.params.account !== req.account) continue;
      if (s.kind === 'reject_orders') {
        if (this.fire(e, venue)) return { reject: s.params.code };
      } else if (maxFillQty === undefined && this.fire(e, venue)) {
        maxFillQty = Math.floor(req.qty * s.params.fraction);
      }
    }
    return maxFillQty === undefined ? undefined : { maxFillQty: asQty(maxFillQty) };
  }

  // ---- internals -----------------------------------------------------------------------------------

  private insert(spec: FaultSpec): string {
    const id = `f${this.nextId++}`;
    const e: Entry = {
      id,
      spec,
      rest: categoryOf(spec.kind) === 'rest' ? restEndpoint(spec.endpoint) : undefined,
      applied: 0,
      note: undefined,
      engaged: false,
      done: false,
      timers: [],
    };
    this.entries.set(id, e);
    if (isStateFault(spec)) this.arm(e);
    return id;
  }

  /** Schedule a state fault's switch-on at `fromMs` (or now) and switch-off at `untilMs`. */
  private arm(e: Entry): void {
    const now = this.clock.now();
    const { fromMs, untilMs } = e.spec;
    if (untilMs !== undefined && untilMs <= now) return;
    if (fromMs !== undefined && fromMs > now) {
      e.timers.push(this.clock.setTimeout(() => this.engage(e), fromMs - now));
    } else {
      this.engage(e);
    }
    if (untilMs !== undefined && e.spec.kind !== 'price_jump') {
      e.timers.push(this.clock.setTimeout(() => this.disengage(e), untilMs - now));
    }
  }

  private engage(e: Entry): void {
    if (!this.entries.has(e.id) || e.engaged || e.done) return;
    const s = e.spec;
    if (s.kind === 'price_jump') {
      e.done = true;
      if (!this.priceProcess || s.venue === '*') {
        e.note = NO_PROCESS;
        return;
      }
      this.priceProcess.jump(s.venue, s.params.market, s.params.yesDelta);
      this.count(e, s.venue);
      return;
    }
    e.engaged = true;
    if (s.kind === 'book_freeze') {
      this.freeze(e, true);
      return;
    }
    for (const v of venuesOf(s.venue)) {
      this.count(e, v);
      this.syncStatus(v);
    }
  }

  private disengage(e: Entry): void {
    if (!e.engaged) return;
    e.engaged = false;
    if (e.spec.kind === 'book_freeze') this.freeze(e, false);
    else for (const v of venuesOf(e.spec.venue)) this.syncStatus(v);
  }

  private freeze(e: Entry, frozen: boolean): void {
    const s = e.spec;
    if (s.kind !== 'book_freeze' || !s.params.process) return;
    if (!this.priceProcess) {
      e.note = NO_PROCESS;
      return;
    }
    e.note = undefined;
    for (const v of venuesOf(s.venue)) this.priceProcess.setFrozen(v, s.params.market, frozen);
  }

  /** The status the venue's exchange should have: the strongest engaged status fault, else back to open. */
  private syncStatus(venue: Venue): void {
    const ex = this.exchanges.get(venue);
    if (!ex) return;
    let want: ExchangeStatus | undefined;
    for (const e of this.entries.values()) {
      if (!e.engaged || !appliesTo(e.spec.venue, venue)) continue;
      if (e.spec.kind === 'halt') want = 'halted';
      else if (e.spec.kind === 'cancel_only' && want === undefined) want = 'cancel_only';
    }
    if (want) {
      this.imposed.add(venue);
      ex.setStatus(want);
    } else if (this.imposed.delete(venue)) {
      ex.setStatus('open');
    }
  }

  /** Is the per-event fault live now, and does its probability roll succeed? Counts it when it fires. */
  private fire(e: Entry, venue: Venue): boolean {
    const s = e.spec;
    const now = this.clock.now();
    if (s.fromMs !== undefined && now < s.fromMs) return false;
    if (s.untilMs !== undefined && now >= s.untilMs) return false;
    if (s.count !== undefined && e.applied >= s.count) return false;
    if (s.probability < 1 && !(this.rng.float() < s.probability)) return false;
    this.count(e, venue);
    return true;
  }

  private count(e: Entry, venue: Venue): void {
    e.applied++;
    const a: AppliedFault = { id: e.id, kind: e.spec.kind, venue, atMs: this.clock.now() };
    for (const l of this.listeners) l(a);
  }

  private sampleLatency(ms: LatencyMs): number {
    if (typeof ms === 'number') return Math.round(ms);
    if (Array.isArray(ms)) return Math.round(ms[0] + this.rng.float() * (ms[1] - ms[0]));
    const n = ms as { mean: number; sd: number };
    return Math.max(0, Math.round(this.rng.normal(n.mean, n.sd)));
  }

  private status(e: Entry): FaultStatus {
    const s = e.spec;
    const now = this.clock.now();
    let state: FaultState;
    if (s.kind === 'price_jump') state = e.done ? 'done' : 'scheduled';
    else if (isStateFault(s) && e.engaged) state = 'active';
    else if (s.fromMs !== undefined && now < s.fromMs) state = 'scheduled';
    else if (s.untilMs !== undefined && now >= s.untilMs) state = 'expired';
    else if (s.count !== undefined && e.applied >= s.count) state = 'exhausted';
    else state = 'active';
    return e.note === undefined
      ? { id: e.id, spec: s, state, applied: e.applied }
      : { id: e.id, spec: s, state, applied: e.applied, note: e.note };
  }
}

type LatencyMs = Extract<FaultSpec, { kind: 'latency' }>['params']['ms'];

const appliesTo = (target: FaultVenue, venue: Venue): boolean => target === '*' || target === venue;

const venuesOf = (target: FaultVenue): Venue[] => (target === '*' ? ['kalshi', 'polymarket'] : [target]);

function isStateFault(s: FaultSpec): boolean {
  return (
    s.kind === 'halt' ||
    s.kind === 'cancel_only' ||
    s.kind === 'price_jump' ||
    (s.kind === 'book_freeze' && s.params.process)
  );
}

function marketMatches(s: FaultSpec, market: string | undefined): boolean {
  const want = 'market' in s.params ? (s.params as { market?: string | undefined }).market : undefined;
  return want === undefined || want === market;
}
