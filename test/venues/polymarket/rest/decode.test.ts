/**
 * REST payloads (P2, Gamma, Data API) on fixtures in the venue's wire shape (fixtures/rest-*.json, gamma-*,
 * data-*): each decoder returns core units, or an error naming the field, never a throw.
 */
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../../src/core/errors.ts';
import type { Px, Qty } from '../../../../src/core/units.ts';
import positions from '../../../../src/venues/polymarket/fixtures/data-positions.json' with { type: 'json' };
import gammaEvent from '../../../../src/venues/polymarket/fixtures/gamma-event.json' with { type: 'json' };
import balance from '../../../../src/venues/polymarket/fixtures/rest-balance.json' with { type: 'json' };
import summary from '../../../../src/venues/polymarket/fixtures/rest-book-summary.json' with { type: 'json' };
import cancel from '../../../../src/venues/polymarket/fixtures/rest-cancel.json' with { type: 'json' };
import clobMarket from '../../../../src/venues/polymarket/fixtures/rest-clob-market.json' with { type: 'json' };
import order from '../../../../src/venues/polymarket/fixtures/rest-open-order.json' with { type: 'json' };
import posted from '../../../../src/venues/polymarket/fixtures/rest-post-order.json' with { type: 'json' };
import trade from '../../../../src/venues/polymarket/fixtures/rest-trade.json' with { type: 'json' };
import type { PolyCodecError } from '../../../../src/venues/polymarket/index.ts';
import {
  decodeBalance,
  decodeBookSummary,
  decodeCancel,
  decodeClobMarket,
  decodeGammaEvent,
  decodeOpenOrder,
  decodeOrdersPage,
  decodePositions,
  decodePostOrder,
  decodeTrade,
  orderStatusOf,
} from '../../../../src/venues/polymarket/index.ts';

const lv = (px: number, qty: number) => ({ px: px as Px, qty: qty as Qty });
const M = summary.market;
const A = summary.asset_id;
const B = clobMarket.t[1]!.t;

/** The decoded value; a failed decode fails the test with the decoder's message. */
function valueOf<T>(r: Result<T, PolyCodecError>): T {
  if (!r.ok) throw new Error(`expected a value, got: ${r.error.message}`);
  return r.value;
}

/** A refused payload: a PolyCodecError whose message matches. */
const refused = (message: RegExp | string) => ({
  ok: false,
  error: expect.objectContaining({
    name: 'PolyCodecError',
    message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message),
  }),
});

describe('REST payloads', () => {
  it('book summary, clob market info, open order, trade, balance, positions', () => {
    expect(valueOf(decodeBookSummary(summary))).toEqual({
      market: M,
      assetId: A,
      timestampMs: 1767225600000,
      bids: [lv(3100, 550), lv(3000, 10000)],
      asks: [lv(3300, 200), lv(3500, 100)],
      hash: 'abc',
    });
    expect(valueOf(decodeClobMarket(clobMarket))).toEqual({
      conditionId: M,
      tokens: { yes: A, no: B },
      outcomes: { yes: 'Yes', no: 'No' },
      tick: 10,
      minSize: 500,
      negRisk: true,
      fees: { kind: 'polymarket', ratePpm: 40_000, exponent: 1, takerOnly: true },
    });
    expect(
      valueOf(
        decodeClobMarket({
          c: M,
          t: [
            { t: A, o: 'YES' },
            { t: B, o: 'NO' },
          ],
          mts: '0.0025',
          mos: '1',
        }),
      ).fees,
    ).toBeUndefined(); // no `fd`: unknown, not fee-free (fee-policy.ts decides)
    // Not binary: one outcome, or two on the same token.
    expect(decodeClobMarket({ c: M, t: [{ t: A, o: 'Up' }], mts: 0.01, mos: 5 })).toMatchObject(
      refused('clob-market.t (a binary market lists two outcomes)'),
    );
    expect(
      decodeClobMarket({
        ...clobMarket,
        t: [
          { t: A, o: 'Up' },
          { t: A, o: 'Down' },
        ],
      }),
    ).toMatchObject(refused('clob-market.t (two distinct tokens)'));
    expect(decodeClobMarket({ ...clobMarket, mts: 0, fd: undefined })).toMatchObject(refused(/mts/));

    expect(valueOf(decodeOpenOrder(order))).toEqual({
      id: order.id,
      status: 'LIVE',
      market: M,
      assetId: A,
      side: 'BUY',
      px: 5100,
      originalQty: 10000,
      matchedQty: 1250,
      outcome: 'YES',
      createdMs: 1767225600000,
    });
    expect(
      ['live', 'ORDER_STATUS_MATCHED', 'CANCELED', 'ORDER_STATUS_CANCELED_MARKET_RESOLVED', 'weird'].map(
        orderStatusOf,
      ),
    ).toEqual(['LIVE', 'MATCHED', 'CANCELED', 'CANCELED', 'OTHER']);
    expect(decodeOpenOrder({ ...order, side: 'buy' })).toMatchObject(refused(/order.side/));

    expect(valueOf(decodeTrade(trade))).toMatchObject({
      status: 'MINED',
      matchTimeMs: 1672290701000,
      traderSide: 'MAKER',
      makers: [{ side: 'SELL', qty: 1000, px: 5700, makerAddress: '0xBBB' }],
    });
    expect(decodeTrade({ ...trade, status: 'SETTLED' })).toMatchObject(refused(/trade.status/));

    expect(decodeBalance(balance)).toEqual({ ok: true, value: 1_000_000_000 });
    expect(decodeBalance({ balance: '1.5' })).toMatchObject(refused('balance.balance'));
    expect(valueOf(decodePositions(positions))).toEqual([
      { conditionId: M, assetId: A, outcome: 'YES', qty: 1234 },
      { conditionId: M, assetId: B, outcome: 'NO', qty: 300 },
    ]);
    expect(decodePositions([{ asset: A, conditionId: M, size: 1e-7 }])).toMatchObject(
      refused('positions[0].size'),
    );
  });

  it('Gamma events in the real data shape (JSON-encoded lists inside strings)', () => {
    const e = valueOf(decodeGammaEvent(gammaEvent));
    expect(e).toMatchObject({ slug: 'fed-decision-in-december', negRisk: true, augmented: false });
    expect(e.markets[0]).toMatchObject({
      subtitle: '25 bps decrease',
      tokens: {
        yes: '87769991026114894163580777793845523168226980076553814689875238288185044414090',
        no: '13411284055273560855537595688801764123705139415061660246624128667183605973730',
      },
      endDateMs: Date.UTC(2025, 11, 10),
    });
    const broken = {
      id: '1',
      slug: 's',
      title: 't',
      markets: [
        {
          conditionId: M,
          question: 'q',
          endDate: '2026-01-01T00:00:00Z',
          outcomes: '["Yes","No"]',
          clobTokenIds: '[1, 2',
        },
      ],
    };
    // One odd market does not fail its event: it is skipped, named, with the reason.
    expect(valueOf(decodeGammaEvent(broken))).toMatchObject({
      markets: [],
      skipped: [{ key: M, reason: expect.stringMatching(/event\.markets\[0\]\.clobTokenIds/) }],
    });
  });

  it('the order reply and the cancel reply; odd fields read as empty, not as errors', () => {
    expect(decodePostOrder(posted)).toEqual({
      ok: true,
      value: {
        success: true,
        orderId: posted.orderID,
        errorMsg: '',
        status: 'matched',
        makingAmount: '2.40',
        takingAmount: '5',
      },
    });
    // A success with an empty status, and no amounts: as the venue sends it, nothing invented.
    expect(valueOf(decodePostOrder({ success: true, orderID: '0x1', status: '' }))).toMatchObject({
      status: '',
      makingAmount: '0',
      takingAmount: '0',
    });
    expect(decodePostOrder([])).toMatchObject(refused('order response (expected an object)'));
    expect(decodeCancel(cancel)).toEqual({
      ok: true,
      value: {
        canceled: [cancel.canceled[0]],
        notCanceled: { '0x0b1c': "order can't be found - already canceled or matched" },
      },
    });
    expect(decodeCancel({})).toEqual({ ok: true, value: { canceled: [], notCanceled: {} } });
    expect(decodeCancel({ canceled: 'all' })).toMatchObject(
      refused('cancel response.canceled (expected a list)'),
    );
  });

  it('every bad field is named by its path, with what was expected and what came', () => {
    expect(decodeOrdersPage({ data: [order, { ...order, price: true }], next_cursor: 'LTE=' })).toMatchObject(
      refused('orders.data[1].price (expected a decimal): unexpected true'),
    );
    expect(
      decodeOrdersPage({ data: [{ ...order, original_size: '1e3' }], next_cursor: 'LTE=' }),
    ).toMatchObject(refused('orders.data[0].original_size'));
    expect(decodeClobMarket({ c: 'x', t: 'x' })).toMatchObject(
      refused('clob-market.t (expected a list): unexpected "x"'),
    );
    expect(
      decodeBookSummary({
        ...summary,
        bids: [
          { price: '0.5', size: '1' },
          { price: '0.50', size: '2' },
        ],
      }),
    ).toMatchObject(refused('book.bids[1].price (listed twice)'));
  });
});
