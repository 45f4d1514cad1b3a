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
    // 5xx: unknown on writes, retryable on reads
    [
      '500 on a write',
      res(500, { code: 'internal_server_error', message: 'x' }),
      true,
      'unknown',
      'KALSHI.HTTP_500',
    ],
    [
      '503 on a read',
      res(503, { code: 'service_unavailable', message: 'x' }),
      false,
      'retryable',
      'KALSHI.HTTP_503',
    ],
    // rate limits
    ['429', res(429, { error: 'too many requests' }), true, 'retryable', 'KALSHI.RATE_LIMITED'],
    // auth and config
    ['401', res(401, wrapped('unauthorized')), false, 'fatal', 'KALSHI.UNAUTHORIZED'],
    ['403', res(403, wrapped('forbidden')), true, 'fatal', 'KALSHI.FORBIDDEN'],
    // definitive business outcomes
    [
      'insufficient balance',
      res(400, wrapped('insufficient_balance')),
      true,
      'rejected',
      'KALSHI.INSUFFICIENT_BALANCE',
    ],
    [
      'duplicate client order id',
      res(409, wrapped('duplicate_client_order_id')),
      true,
      'rejected',
      'KALSHI.DUPLICATE_CLIENT_ORDER_ID',
    ],
    ['market closed', res(409, wrapped('market_closed')), true, 'rejected', 'KALSHI.MARKET_CLOSED'],
    ['exchange halted', res(409, wrapped('exchange_halted')), true, 'rejected', 'KALSHI.EXCHANGE_HALTED'],
    ['order not found', res(404, wrapped('order_not_found')), true, 'rejected', 'KALSHI.ORDER_NOT_FOUND'],
    ['unlisted code', res(400, wrapped('invalid_parameters')), true, 'rejected', 'KALSHI.INVALID_PARAMETERS'],
    [
      'unwrapped body',
      res(400, { code: 'post_only_cross', message: 'x' }),
      true,
      'rejected',
      'KALSHI.POST_ONLY_CROSS',
    ],
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

  it('reads every error body shape', () => {
    expect(parseErrorBody('{"error":{"code":"c","message":"m","details":"d"}}')).toEqual({
      code: 'c',
      message: 'm',
    });
    expect(parseErrorBody('{"error":"too many requests"}')).toEqual({ message: 'too many requests' });
    expect(parseErrorBody('{"code":"c","message":"m"}')).toEqual({ code: 'c', message: 'm' });
    expect(parseErrorBody('not json')).toBeUndefined();
    expect(parseErrorBody('[1,2]')).toBeUndefined();
  });
});
