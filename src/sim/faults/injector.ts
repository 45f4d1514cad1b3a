/**
 * The fault injector: holds the active fault specs and answers, per request, frame or order, what goes wrong.
 * Per-event faults (REST, WS, order faults) are evaluated lazily against the clock when the event happens;
 * state faults (halt, cancel_only, price_jump, book_freeze with `process`) are switched on and off by timers on
 * the injected clock. Randomness comes from one forked `Rng`, consumed in fault order, so a seed fixes every
 * decision.
 */
import type { Clock } from '../../core/clock.ts';
import type { Venue } from '../../core/market.ts';
import type { Rng } from '../../core/rng.ts';
import type { PlaceHook, PlaceHookResult } from '../engine/exchange.ts';
import type { ExchangeStatus, OrderRequest } from '../engine/types.ts';
import {
  type FrameInfo,
  type FramePlan,
  framePlan,
  type LatencyMs,
  placeDecision,
  type RestPlan,
  restPlan,
} from './decisions.ts';
import { restEndpoint } from './endpoint.ts';
import { appliesTo, type FaultEntry, type Fire, isStateFault, venuesOf } from './fault-entry.ts';
import type { PriceProcessControl } from './price-process-control.ts';
import {
  categoryOf,
  type FaultKind,
  type FaultSpec,
  FaultSpecError,
  parseFaultSpec,
  parseFaultSpecs,
} from './spec.ts';

export type { FrameInfo, FramePlan, RestAction, RestPlan } from './decisions.ts';

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

const NO_PROCESS = 'no price process attached';

export class FaultInjector {
  private readonly entries = new Map<string, FaultEntry>();
  private readonly exchanges = new Map<Venue, ExchangeControl>();
  /** Venues whose exchange status a fault has changed, so clearing it restores `open`. */
  private readonly imposed = new Set<Venue>();
  private readonly listeners = new Set<(a: AppliedFault) => void>();
  private priceProcess: PriceProcessControl | undefined;
  private nextId = 1;
  /** `fire` for the decision functions, bound once. */
  private readonly firer: Fire = (e, venue) => this.fire(e, venue);

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
    return restPlan(this.entries.values(), venue, method, path, this.firer, (ms) => this.sampleLatency(ms));
  }

  /** What happens to one outgoing WebSocket frame on `channel`. */
  framePlan(venue: Venue, channel: string, frame: FrameInfo): FramePlan {
    return framePlan(this.entries.values(), venue, channel, frame, this.firer);
  }

  /** The exchange place hook: reject the order, or cap what it may fill now. */
  placeDecision(venue: Venue, req: OrderRequest): PlaceHookResult | undefined {
    return placeDecision(this.entries.values(), venue, req, this.firer);
  }

  // ---- internals -----------------------------------------------------------------------------------

  private insert(spec: FaultSpec): string {
    const id = `f${this.nextId++}`;
    const e: FaultEntry = {
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
  private arm(e: FaultEntry): void {
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

  private engage(e: FaultEntry): void {
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

  private disengage(e: FaultEntry): void {
    if (!e.engaged) return;
    e.engaged = false;
    if (e.spec.kind === 'book_freeze') this.freeze(e, false);
    else for (const v of venuesOf(e.spec.venue)) this.syncStatus(v);
  }

  private freeze(e: FaultEntry, frozen: boolean): void {
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
  private fire(e: FaultEntry, venue: Venue): boolean {
    const s = e.spec;
    const now = this.clock.now();
    if (s.fromMs !== undefined && now < s.fromMs) return false;
    if (s.untilMs !== undefined && now >= s.untilMs) return false;
    if (s.count !== undefined && e.applied >= s.count) return false;
    if (s.probability < 1 && !(this.rng.float() < s.probability)) return false;
    this.count(e, venue);
    return true;
  }

  private count(e: FaultEntry, venue: Venue): void {
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

  private status(e: FaultEntry): FaultStatus {
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
