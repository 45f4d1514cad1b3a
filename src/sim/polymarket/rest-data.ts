/**
 * The caller's own data (P2): `/data/order/{id}`, `/data/orders` (open orders, paged), `/data/trades` (paged),
 * `/balance-allowance` (6-decimal integer strings) — all L2 — and the public Data API's `/data-api/positions`.
 * Balances and positions leave out the effects of FAILED trades (see trades.ts).
 */
import type { Outcome } from '../../core/market.ts';
import { notional, qtyToDecimal } from '../../core/units.ts';
import { errorReply, ok } from '../server/reply.ts';
import type { SimRequest } from '../server/types.ts';
import { l2 } from './auth-l2.ts';
import type { FrontContext } from './context.ts';
import { paginate } from './cursor.ts';
import { flags, indicativePrice } from './market-view.ts';
import { EXCHANGE_V2, NEG_RISK_EXCHANGE_V2 } from './order-verify.ts';
import { openOrder, outcomeLabel, tradeView } from './wire.ts';
import { isoDate } from '../../core/time.ts';

const MAX_ALLOWANCE = (2n ** 256n - 1n).toString();

function secondsParam(req: SimRequest, name: string): number | undefined | 'bad' {
  const v = req.query.get(name);
  if (v === null || v === '') return undefined;
  return /^\d{1,12}$/.test(v) ? Number(v) : 'bad';
}

/** Tokens an account holds in a market as the venue reports them (engine position less FAILED trades). */
function reportedPosition(ctx: FrontContext, account: string, market: string): { yes: number; no: number } {
  const p = ctx.ex.account(account)?.positions.get(market);
  const r = ctx.trades.reversal(account)?.positions.get(market);
  return { yes: (p?.yes ?? 0) + (r?.yes ?? 0), no: (p?.no ?? 0) + (r?.no ?? 0) };
}

export function mountData(ctx: FrontContext): void {
  const { server } = ctx.rt;
  server
    .get(
      '/data/order/:id',
      l2(ctx, (req, key) => {
        const o = ctx.ex.order(req.params.id!);
        if (!o || o.account !== key.account) return errorReply(404, 'order not found');
        return ok(openOrder(ctx, o, key.creds.apiKey));
      }),
    )
    .get(
      '/data/orders',
      l2(ctx, (req, key) => {
        const id = req.query.get('id');
        const market = req.query.get('market')?.toLowerCase();
        const asset = req.query.get('asset_id');
        const orders = ctx.ex.orders({ account: key.account, status: 'resting' }).filter((o) => {
          if (id && o.id !== id) return false;
          if (market && o.market.toLowerCase() !== market) return false;
          if (asset) {
            const ref = ctx.catalog.token(asset);
            if (!ref || ref.market.m.key !== o.market || ref.outcome !== o.outcome) return false;
          }
          return true;
        });
        const page = paginate(orders, req.query.get('next_cursor'), ctx.opts.pageSize);
        if (!page.ok) return errorReply(400, page.message);
        return ok({ ...page.body, data: page.body.data.map((o) => openOrder(ctx, o, key.creds.apiKey)) });
      }),
    )
    .get(
      '/data/trades',
      l2(ctx, (req, key) => {
        const before = secondsParam(req, 'before');
        const after = secondsParam(req, 'after');
        if (before === 'bad' || after === 'bad') return errorReply(400, 'before/after must be unix seconds');
        const id = req.query.get('id');
        const market = req.query.get('market')?.toLowerCase();
        const asset = req.query.get('asset_id');
        const trades = ctx.trades.forAccount(key.account).filter((r) => {
          const sec = Math.floor(r.trade.tsMs / 1000);
          if (id && r.trade.id !== id) return false;
          if (market && r.trade.market.toLowerCase() !== market) return false;
          if (before !== undefined && sec >= before) return false;
          if (after !== undefined && sec <= after) return false;
          if (asset) {
            const ref = ctx.catalog.token(asset);
            const mine = r.taker.account === key.account ? r.taker : r.maker;
            if (!ref || ref.market.m.key !== r.trade.market || ref.outcome !== mine.outcome) return false;
          }
          return true;
        });
        const page = paginate(trades, req.query.get('next_cursor'), ctx.opts.pageSize);
        if (!page.ok) return errorReply(400, page.message);
        return ok({
          ...page.body,
          data: page.body.data.map((r) => tradeView(ctx, r, key.account, key.creds.apiKey)),
        });
      }),
    );

  const balance = l2(ctx, (req, key) => {
    const type = (req.query.get('asset_type') ?? '').toUpperCase();
    const allowances = { [EXCHANGE_V2]: MAX_ALLOWANCE, [NEG_RISK_EXCHANGE_V2]: MAX_ALLOWANCE };
    if (type === 'COLLATERAL') {
      const a = ctx.ex.account(key.account);
      // The wallet's collateral: free cash plus what open buys have earmarked (nothing is locked on chain).
      const micros = (a ? a.balance + a.reserved : 0) + (ctx.trades.reversal(key.account)?.cash ?? 0);
      return ok({ balance: String(micros), allowance: MAX_ALLOWANCE, allowances });
    }
    if (type === 'CONDITIONAL') {
      const token = req.query.get('token_id');
      const ref = token ? ctx.catalog.token(token) : undefined;
      if (!ref)
        return errorReply(400, 'Invalid payload: token_id of a known token is required for CONDITIONAL');
      const p = reportedPosition(ctx, key.account, ref.market.m.key);
      const qty = ref.outcome === 'YES' ? p.yes : p.no;
      return ok({ balance: String(qty * 10_000), allowance: MAX_ALLOWANCE, allowances });
    }
    return errorReply(400, 'Invalid payload: asset_type must be COLLATERAL or CONDITIONAL');
  });
  server.get('/balance-allowance', balance).get('/balance-allowance/update', balance);

  server.get('/data-api/positions', (req) => {
    const user = req.query.get('user');
    if (!user || !/^0x[0-9a-fA-F]{40}$/.test(user))
      return errorReply(400, 'user: a wallet address is required');
    const threshold = Number(req.query.get('sizeThreshold') ?? '1');
    const limit = Math.min(500, Number(req.query.get('limit') ?? '100'));
    const offset = Number(req.query.get('offset') ?? '0');
    if (![threshold, limit, offset].every((n) => Number.isFinite(n) && n >= 0))
      return errorReply(400, 'sizeThreshold, limit and offset must be non-negative numbers');
    const markets = req.query
      .get('market')
      ?.toLowerCase()
      .split(',')
      .filter((m) => m !== '');
    const account = ctx.keys.accountOfAddress(user);
    const view = ctx.ex.account(account);
    if (!view) return ok([]);
    const keys = new Set([
      ...view.positions.keys(),
      ...(ctx.trades.reversal(account)?.positions.keys() ?? []),
    ]);
    const out: Record<string, unknown>[] = [];
    for (const market of [...keys].sort()) {
      const cm = ctx.catalog.market(market);
      if (!cm || (markets && !markets.includes(market.toLowerCase()))) continue;
      const pos = reportedPosition(ctx, account, market);
      const f = flags(ctx, cm);
      for (const outcome of ['YES', 'NO'] as const) {
        const qty = outcome === 'YES' ? pos.yes : pos.no;
        if (qty <= 0 || qty / 100 < threshold) continue;
        const other: Outcome = outcome === 'YES' ? 'NO' : 'YES';
        let cost = 0;
        let bought = 0;
        for (const fill of ctx.ex.fills({ account, market })) {
          if (fill.outcome !== outcome || fill.side !== 'BUY') continue;
          cost += notional(fill.px, fill.qty);
          bought += fill.qty;
        }
        const avg = bought > 0 ? cost / bought / 10_000 : 0;
        const cur = Number(indicativePrice(ctx, cm, outcome));
        const size = Number(qtyToDecimal(qty));
        out.push({
          proxyWallet: ctx.keys.addressOfAccount(account),
          asset: ctx.catalog.tokenOf(cm, outcome),
          conditionId: cm.m.key,
          size,
          avgPrice: avg,
          initialValue: size * avg,
          currentValue: size * cur,
          cashPnl: size * (cur - avg),
          percentPnl: avg > 0 ? ((cur - avg) / avg) * 100 : 0,
          totalBought: bought / 100,
          realizedPnl: 0,
          curPrice: cur,
          redeemable: f.result !== undefined,
          mergeable: (outcome === 'YES' ? pos.no : pos.yes) > 0,
          title: cm.m.title,
          slug: cm.m.slug ?? '',
          icon: '',
          eventSlug: cm.event?.key ?? '',
          outcome: outcomeLabel(ctx, cm, outcome),
          outcomeIndex: outcome === 'YES' ? 0 : 1,
          oppositeOutcome: outcomeLabel(ctx, cm, other),
          oppositeAsset: ctx.catalog.tokenOf(cm, other),
          endDate: isoDate(cm.m.closeTimeMs),
          negativeRisk: cm.negRisk,
        });
      }
    }
    return ok(out.slice(offset, offset + limit));
  });
}
