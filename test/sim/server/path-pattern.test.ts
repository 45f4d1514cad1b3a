import { describe, expect, it } from 'vitest';
import { compilePathPattern } from '../../../src/sim/server/index.ts';
import { Router } from '../../../src/sim/server/router.ts';

describe('path patterns', () => {
  it('matches literals and captures :params (URL-decoded)', () => {
    const p = compilePathPattern('/markets/:ticker/orderbook');
    expect(p.match('/markets/KX-1/orderbook')).toEqual({ ticker: 'KX-1' });
    expect(p.match('/markets/a%20b/orderbook')).toEqual({ ticker: 'a b' });
    expect(p.match('/markets/KX-1/orderbook/')).toEqual({ ticker: 'KX-1' });
    expect(p.match('/markets/KX-1')).toBeUndefined();
    expect(p.match('/markets//orderbook')).toBeUndefined();
  });

  it('a trailing * matches everything below, an inner * exactly one segment', () => {
    const below = compilePathPattern('/portfolio/*');
    expect(below.match('/portfolio/orders')).toEqual({});
    expect(below.match('/portfolio/events/orders/abc')).toEqual({});
    expect(below.match('/portfolio')).toBeUndefined();
    expect(below.match('/markets/x')).toBeUndefined();
    const inner = compilePathPattern('/portfolio/*/orders');
    expect(inner.match('/portfolio/events/orders')).toEqual({});
    expect(inner.match('/portfolio/a/b/orders')).toBeUndefined();
  });

  it('* inside a segment globs within it', () => {
    const p = compilePathPattern('/data/order*');
    expect(p.match('/data/orders')).toEqual({});
    expect(p.match('/data/order')).toEqual({});
    expect(p.match('/data/trades')).toBeUndefined();
  });

  it('router tells an unknown path (404) from a wrong method (405, with the allowed ones)', () => {
    const r = new Router();
    const h = () => ({ kind: 'json', status: 200 }) as const;
    r.add('GET', '/x', h);
    r.add('POST', '/x', h);
    expect(r.match('GET', '/x').kind).toBe('found');
    expect(r.match('HEAD', '/x').kind).toBe('found');
    expect(r.match('DELETE', '/x')).toEqual({ kind: 'method_not_allowed', allow: ['GET', 'POST'] });
    expect(r.match('GET', '/y')).toEqual({ kind: 'not_found' });
  });
});
