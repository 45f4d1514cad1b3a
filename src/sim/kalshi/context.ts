/**
 * What every Kalshi route handler works with, and the per-request identity the auth middleware established
 * (kept beside the request, since handlers receive a copy of the request object but the same raw message).
 */
import type { IncomingMessage } from 'node:http';
import type { Clock } from '../../core/clock.ts';
import type { Exchange } from '../engine/exchange.ts';
import type { Handler, Reply, SimRequest } from '../server/types.ts';
import type { KalshiActivity } from './activity.ts';
import type { KeyRing } from './auth.ts';
import type { KalshiCatalog } from './catalog.ts';
import { unauthorized } from './errors.ts';
import type { ResolvedFrontOptions } from './options.ts';
import type { KalshiOrderGroups } from './order-groups.ts';

export interface FrontContext {
  readonly exchange: Exchange;
  readonly clock: Clock;
  readonly catalog: KalshiCatalog;
  readonly activity: KalshiActivity;
  readonly orderGroups: KalshiOrderGroups;
  readonly options: ResolvedFrontOptions;
  readonly keys: KeyRing;
  /** The account a request was signed for, if it was signed. */
  accountOf(req: SimRequest): string | undefined;
  setAccount(raw: IncomingMessage, account: string): void;
}

export function identities(): Pick<FrontContext, 'accountOf' | 'setAccount'> {
  const byRequest = new WeakMap<IncomingMessage, string>();
  return {
    accountOf: (req) => byRequest.get(req.raw),
    setAccount: (raw, account) => void byRequest.set(raw, account),
  };
}

/** A handler for signed requests: it acts for the signing key's account. */
export type SignedHandler = (ctx: FrontContext, req: SimRequest, account: string) => Reply | Promise<Reply>;

/** Portfolio and order endpoints: only for signed requests (401 otherwise). */
export function signedOnly(ctx: FrontContext, handler: SignedHandler): Handler {
  return (req) => {
    const account = ctx.accountOf(req);
    if (account === undefined) {
      return unauthorized('this endpoint requires a signed request (KALSHI-ACCESS-* headers)');
    }
    return handler(ctx, req, account);
  };
}
