/** The `user_orders` channel decoder on the folder's fixture (K3): updates in core units, replies, malformed frames. */
import { describe, expect, it } from 'vitest';
import { parseUserOrderFrame } from '../../../../src/venues/kalshi/index.ts';
import USER_ORDER from '../../../../src/venues/kalshi/fixtures/ws-user-order.json' with { type: 'json' };

describe('user_order codec', () => {
  const frame = (msg: Record<string, unknown>) => JSON.stringify({ ...USER_ORDER, msg });
  const MSG = USER_ORDER.msg;

  it('decodes the reference shape in core units, statuses mapped', () => {
    expect(parseUserOrderFrame(frame(MSG))).toEqual({
      ok: true,
      value: {
        type: 'user_order',
        update: {
          orderId: MSG.order_id,
          clientOrderId: 'c-1',
          market: 'KXFED-26DEC-T4.25',
          status: 'open',
          filled: 250,
        },
      },
    });
    const status = (s: string) => {
      const r = parseUserOrderFrame(frame({ ...MSG, status: s }));
      return r.ok && r.value.type === 'user_order' ? r.value.update.status : undefined;
    };
    expect([status('resting'), status('executed'), status('canceled')]).toEqual([
      'open',
      'filled',
      'cancelled',
    ]);
    // An empty or missing client order id is none.
    for (const c of ['', null, undefined]) {
      const r = parseUserOrderFrame(frame({ ...MSG, client_order_id: c }));
      expect(r.ok && r.value.type === 'user_order' && 'clientOrderId' in r.value.update).toBe(false);
    }
  });

  it('reads replies and ignores other messages', () => {
    expect(
      parseUserOrderFrame('{"id":4,"type":"subscribed","msg":{"channel":"user_orders","sid":9}}'),
    ).toEqual({ ok: true, value: { type: 'subscribed', id: 4, sid: 9, channel: 'user_orders' } });
    expect(
      parseUserOrderFrame('{"id":4,"type":"error","msg":{"code":6,"msg":"Already subscribed"}}'),
    ).toEqual({
      ok: true,
      value: { type: 'error', id: 4, code: 6, message: 'Already subscribed' },
    });
    expect(parseUserOrderFrame('{"type":"fill","sid":1,"msg":{}}')).toEqual({
      ok: true,
      value: { type: 'other', kind: 'fill' },
    });
  });

  it('refuses malformed frames with an error naming the problem, never throwing', () => {
    const bad: [string, RegExp][] = [
      ['{"type":"user_order","sid":1,"msg":{"order_id"', /not JSON/],
      ['[1,2]', /not a JSON object/],
      [frame({ ...MSG, status: 'pending' }), /status/],
      [frame({ ...MSG, fill_count_fp: '1.234' }), /fill_count_fp/],
      [frame({ ...MSG, fill_count_fp: '-1.00' }), /fill_count_fp/],
      [frame({ ...MSG, fill_count_fp: 2.5 }), /fill_count_fp/],
      [frame({ ...MSG, order_id: '' }), /order_id/],
      [frame({ ...MSG, ticker: undefined }), /no ticker/],
      [JSON.stringify({ type: 'user_order', sid: 1 }), /user_order\.msg/],
      ['{"type":"subscribed","msg":{}}', /sid missing/],
    ];
    for (const [text, why] of bad) {
      const r = parseUserOrderFrame(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(why);
    }
  });
});
