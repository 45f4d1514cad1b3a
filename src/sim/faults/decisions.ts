/**
 * The per-event decisions of the fault injector: what a REST request, an outgoing WebSocket frame or an incoming
 * order suffers from the faults active now. Pure over the entries, given the injector's `fire` (time window,
 * count, probability roll, counting), so the order of the rolls, and with it every seeded run, stays as it was.
 */
import type { Venue } from '../../core/market.ts';
import { asQty } from '../../core/units.ts';
import type { PlaceHookResult } from '../engine/exchange.ts';
import type { OrderRequest } from '../engine/types.ts';
import { channelMatches } from './endpoint.ts';
import { appliesTo, type FaultEntry, type Fire, marketMatches } from './fault-entry.ts';
import { categoryOf, type FaultSpec } from './spec.ts';

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

const PASS: RestPlan = { delayMs: 0, action: { kind: 'pass' } };
const NO_FRAME_FAULT: FramePlan = {
  suppress: false,
  drop: false,
  malformed: false,
  duplicate: false,
  delayMs: 0,
};
export type LatencyMs = Extract<FaultSpec, { kind: 'latency' }>['params']['ms'];

/** What happens to `METHOD path` (relative to the venue's API base). */
export function restPlan(
  entries: Iterable<FaultEntry>,
  venue: Venue,
  method: string,
  path: string,
  fire: Fire,
  sampleLatency: (ms: LatencyMs) => number,
): RestPlan {
  let delayMs = 0;
  let action: RestAction = PASS.action;
  for (const e of entries) {
    if (!e.rest || !appliesTo(e.spec.venue, venue) || !e.rest.matches(method, path)) continue;
    const s = e.spec;
    if (s.kind === 'latency') {
      if (fire(e, venue)) delayMs += sampleLatency(s.params.ms);
    } else if (action.kind === 'pass' && fire(e, venue)) {
      action =
        s.kind === 'http_5xx'
          ? { kind: 'http_5xx', status: s.params.status }
          : { kind: s.kind as 'http_429' };
    }
  }
  return delayMs === 0 && action.kind === 'pass' ? PASS : { delayMs, action };
}

/** What happens to one outgoing WebSocket frame on `channel`. */
export function framePlan(
  entries: Iterable<FaultEntry>,
  venue: Venue,
  channel: string,
  frame: FrameInfo,
  fire: Fire,
): FramePlan {
  const candidates = [...entries].filter(
    (e) =>
      categoryOf(e.spec.kind) === 'ws' &&
      appliesTo(e.spec.venue, venue) &&
      channelMatches(e.spec.endpoint, channel) &&
      marketMatches(e.spec, frame.market) &&
      (frame.book || (e.spec.kind !== 'book_stale' && e.spec.kind !== 'book_freeze')),
  );
  for (const e of candidates) {
    if (e.spec.kind === 'ws_disconnect' && fire(e, venue)) {
      return { ...NO_FRAME_FAULT, disconnect: { code: e.spec.params.code } };
    }
  }
  for (const e of candidates) {
    if (e.spec.kind === 'book_freeze' && fire(e, venue)) return { ...NO_FRAME_FAULT, suppress: true };
  }
  let delayMs = 0;
  let disruption: Pick<FramePlan, 'drop' | 'malformed' | 'duplicate' | 'reorder'> | undefined;
  for (const e of candidates) {
    const s = e.spec;
    // Disconnect and freeze were decided above; firing them again here would count phantom applications.
    if (s.kind === 'ws_disconnect' || s.kind === 'book_freeze') continue;
    if (s.kind === 'book_stale') {
      if (fire(e, venue)) delayMs = Math.max(delayMs, s.params.ms);
    } else if (disruption === undefined && fire(e, venue)) {
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
export function placeDecision(
  entries: Iterable<FaultEntry>,
  venue: Venue,
  req: OrderRequest,
  fire: Fire,
): PlaceHookResult | undefined {
  let maxFillQty: number | undefined;
  for (const e of entries) {
    const s = e.spec;
    if ((s.kind !== 'reject_orders' && s.kind !== 'partial_fill') || !appliesTo(s.venue, venue)) continue;
    if (s.params.market !== undefined && s.params.market !== req.market) continue;
    if (s.params.account !== '*' && s.params.account !== req.account) continue;
    if (s.kind === 'reject_orders') {
      if (fire(e, venue)) return { reject: s.params.code };
    } else if (maxFillQty === undefined && fire(e, venue)) {
      maxFillQty = Math.floor(req.qty * s.params.fraction);
    }
  }
  return maxFillQty === undefined ? undefined : { maxFillQty: asQty(maxFillQty) };
}
