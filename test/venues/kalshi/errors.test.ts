/** Kalshi error classification: one table, every kind. */
import { describe, expect, it } from 'vitest';
import type { HttpOutcome } from '../../../src/venues/shared/http.ts';
import { classifyKalshi, parseErrorBody } from '../../../src/venues/kalshi/index.ts';

const res = (status: number, body: unknown, headers: Record<string, string> = {}): HttpOutcome => ({
  ok: true,
  res: { status, headers, text: typeof body === 'string' ? body : JSON.stringify(body) },
});
const wrapped = (code: string, message = code) => ({ error: { code, message } });

describe('classifyKalshi', () => {
  it.each([
    // transport: no answer on a write may have placed the order
    [
      'timeout on a write',
      { ok: false, failure: 'timeout', message: 't' },
      true,
      'unknown',
      'KALSHI.TIMEOUT',
    ],
    [
      'dropped connection on a write',
      { ok: false, failure: 'network', message: 'n' },
      true,
      'unknown',
      'KALSHI.NETWORK',
    ],
    [
      'timeout on a read',
      { ok: false, failure: 'timeout', message: 't' },
      false,
      'retryable',
      'KALSHI.TIMEOUT',
    ],
    // 5xx: unknown on writes, retryable on reads (bodies as the simulator sends them: no code)
    [
      '500 on a write',
      res(500, { error: { message: 'Internal server error' } }),
      true,
      'unknown',
      'KALSHI.HTTP_500',
    ],
    [
      '503 on a read',
      res(503, { error: { message: 'Service temporarily unavailable' } }),
      false,
      'retryable',
      'KALSHI.HTTP_503',
    ],
    // 408: the venue's order-errors page puts it with 5xx and dropped connections (outcome unknown)
    ['408 on a write', res(408, ''), true, 'unknown', 'KALSHI.REQUEST_TIMEOUT'],
    ['408 on a read', res(408, ''), false, 'retryable', 'KALSHI.REQUEST_TIMEOUT'],
    // rate limits
    ['429', res(429, { error: 'too many requests' }), true, 'retryable', 'KALSHI.RATE_LIMITED'],
    // auth and config: the kind comes from the status, whatever the body
    [
      '401',
      res(401, { error: { message: 'invalid KALSHI-ACCESS-SIGNATURE' } }),
      false,
      'fatal',
      'KALSHI.UNAUTHORIZED',
    ],
    ['403', res(403, { error: { message: 'forbidden' } }), true, 'fatal', 'KALSHI.FORBIDDEN'],
    // the codes the venue documents (docs.kalshi.com "Order Errors")
    [
      'post-only cross',
      res(400, { error: { code: 'invalid_order', message: 'invalid order', details: 'post only cross' } }),
      true,
      'rejected',
      'KALSHI.INVALID_ORDER',
    ],
    [
      'missing ticker',
      res(400, wrapped('missing_parameters')),
      true,
      'rejected',
      'KALSHI.MISSING_PARAMETERS',
    ],
    [
      'unparseable body: code at the top level',
      res(400, { code: 'bad_request', message: 'bad request', details: 'x' }),
      true,
      'rejected',
      'KALSHI.BAD_REQUEST',
    ],
    // an undocumented code the real venue may send: passed through, still a rejection
    ['unlisted code', res(409, wrapped('some_new_code')), true, 'rejected', 'KALSHI.SOME_NEW_CODE'],
    ['unlisted code on 410', res(410, wrapped('gone_code')), true, 'rejected', 'KALSHI.GONE_CODE'],
    // no code: the status names it
    [
      '400 without code',
      res(400, { error: { message: 'insufficient balance' } }),
      true,
      'rejected',
      'KALSHI.HTTP_400',
    ],
    [
      '404 without code',
      res(404, { error: { message: 'no such order' } }),
      true,
      'rejected',
      'KALSHI.NOT_FOUND',
    ],
    ['409 without code', res(409, { error: { message: 'duplicate' } }), true, 'rejected', 'KALSHI.CONFLICT'],
    ['no body', res(404, ''), false, 'rejected', 'KALSHI.NOT_FOUND'],
    ['HTML body', res(418, '<html>teapot</html>'), false, 'rejected', 'KALSHI.HTTP_418'],
  ] as const)('%s', (_what, outcome, isWrite, kind, code) => {
    const e = classifyKalshi(outcome as HttpOutcome, isWrite, 0);
    expect([e.kind, e.code]).toEqual([kind, code]);
    expect(e.message.length).toBeGreaterThan(0);
  });

  it('takes a Retry-After when a proxy sends one (Kalshi itself does not)', () => {
    expect(
      classifyKalshi(res(429, { error: 'too many requests' }, { 'retry-after': '2' }), false, 0).retryAfterMs,
    ).toBe(2_000);
    expect(classifyKalshi(res(429, { error: 'too many requests' }), false, 0).retryAfterMs).toBeUndefined();
  });

  it('keeps details in the message: the code alone does not say why', () => {
    const e = classifyKalshi(
      res(400, { error: { code: 'invalid_order', message: 'invalid order', details: 'post only cross' } }),
      true,
      0,
    );
    expect(e.message).toBe('invalid order: post only cross');
    expect(classifyKalshi(res(404, { error: { message: 'no such order' } }), true, 0).message).toBe(
      'no such order',
    );
  });

  it('reads every error body shape', () => {
    expect(parseErrorBody('{"error":{"code":"c","message":"m","details":"d"}}')).toEqual({
      code: 'c',
      message: 'm',
      details: 'd',
    });
    expect(parseErrorBody('{"error":{"message":"m","details":""}}')).toEqual({ message: 'm' });
    expect(parseErrorBody('{"error":"too many requests"}')).toEqual({ message: 'too many requests' });
    expect(parseErrorBody('{"code":"bad_request","message":"bad request","details":"d"}')).toEqual({
      code: 'bad_request',
      message: 'bad request',
      details: 'd',
    });
    expect(parseErrorBody('not json')).toBeUndefined();
    expect(parseErrorBody('[1,2]')).toBeUndefined();
  });
});

describe('order group refusals (issue 16)', () => {
  const triggered = 'order group 00000000-0000-4000-8000-000000000001 is triggered';
  it.each([
    [
      'the simulator: 409 naming the triggered group',
      res(409, { error: { message: triggered } }),
      'KALSHI.ORDER_GROUP_TRIGGERED',
    ],
    [
      'a coded form the venue may send',
      res(400, wrapped('order_group_limit_exceeded', 'limit')),
      'KALSHI.ORDER_GROUP_TRIGGERED',
    ],
    ['a coded triggered form', res(409, wrapped('order_group_triggered')), 'KALSHI.ORDER_GROUP_TRIGGERED'],
    [
      'an unknown group (404)',
      res(404, { error: { message: 'order group x not found' } }),
      'KALSHI.ORDER_GROUP_NOT_FOUND',
    ],
    [
      'an unknown group, coded',
      res(400, wrapped('order_group_not_found', 'not found')),
      'KALSHI.ORDER_GROUP_NOT_FOUND',
    ],
  ])('%s → %s, rejected (never unknown)', (_name, outcome, code) => {
    const e = classifyKalshi(outcome, true, 0);
    expect(e).toMatchObject({ kind: 'rejected', code });
  });

  it('leaves other refusals, 429 and 5xx that mention a group alone', () => {
    expect(classifyKalshi(res(409, { error: { message: 'market is closed' } }), true, 0).code).toBe(
      'KALSHI.CONFLICT',
    );
    expect(classifyKalshi(res(429, { error: 'too many requests (order group)' }), true, 0).code).toBe(
      'KALSHI.RATE_LIMITED',
    );
    expect(classifyKalshi(res(503, { error: { message: 'order group service down' } }), true, 0).kind).toBe(
      'unknown',
    );
  });
});
