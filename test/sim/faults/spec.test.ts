import { describe, expect, it } from 'vitest';
import { FaultSpecError, parseFaultSpec, parseFaultSpecs } from '../../../src/sim/faults/index.ts';
import { makeInjector } from './support.ts';

const issues = (input: unknown) => {
  const r = parseFaultSpecs(input);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('fault specs', () => {
  it('fills in defaults', () => {
    const r = parseFaultSpec({ venue: 'kalshi', kind: 'http_5xx' });
    expect(r).toEqual({
      ok: true,
      value: { venue: 'kalshi', kind: 'http_5xx', probability: 1, params: { status: 500 } },
    });
  });

  it('names an unknown or missing kind with the list of known ones', () => {
    expect(issues({ venue: 'kalshi', kind: 'meteor' })[0]).toMatch(
      /^kind: unknown fault kind "meteor"; expected one of: latency, /,
    );
    expect(issues({ venue: 'kalshi' })[0]).toMatch(/^kind: missing; expected one of/);
  });

  it('qualifies every problem with its path, including the index in a list', () => {
    const got = issues([
      { venue: 'kalshi', kind: 'http_429' },
      { venue: 'mars', kind: 'latency', params: { ms: 'slow' }, probability: 2 },
      { venue: 'kalshi', kind: 'book_stale', params: { ms: 10, extra: 1 } },
    ]);
    expect(got).toContainEqual(expect.stringMatching(/^\[1\]\.venue: /));
    expect(got).toContainEqual(
      '[1].params.ms: expected a number of ms, a uniform range [min, max] or a normal {mean, sd}',
    );
    expect(got).toContainEqual(expect.stringMatching(/^\[1\]\.probability: /));
    expect(got).toContainEqual('[2].params: unknown key(s): extra');
    expect(got.some((g) => g.startsWith('[0]'))).toBe(false);
  });

  it('refuses specs that make no sense', () => {
    expect(issues({ venue: 'kalshi', kind: 'http_429', fromMs: 10, untilMs: 5 })).toEqual([
      'untilMs: must be after fromMs',
    ]);
    expect(issues({ venue: 'kalshi', kind: 'http_429', endpoint: 'portfolio' })[0]).toMatch(
      /^endpoint: expected "METHOD \/path"/,
    );
    expect(issues({ venue: 'kalshi', kind: 'reject_orders', endpoint: 'POST /x' })).toEqual([
      'endpoint: does not apply to reject_orders (use params.market)',
    ]);
    expect(issues({ venue: 'kalshi', kind: 'halt', count: 1 })[0]).toMatch(/^count: does not apply to halt/);
    expect(issues({ venue: 'kalshi', kind: 'cancel_only', probability: 0.5 })[0]).toMatch(
      /^probability: does not apply to cancel_only/,
    );
    expect(issues({ venue: '*', kind: 'price_jump', params: { market: 'M', yesDelta: 0.1 } })[0]).toMatch(
      /^venue: price_jump needs one venue/,
    );
    expect(issues({ venue: 'kalshi', kind: 'partial_fill', params: { fraction: 1 } })).toEqual([
      'params.fraction: must be below 1',
    ]);
    expect(issues({ venue: 'kalshi', kind: 'latency', params: { ms: [200, 100] } })[0]).toMatch(
      /^params\.ms: /,
    );
    expect(issues({ venue: 'kalshi', kind: 'ws_disconnect', params: { code: 1006 } })[0]).toMatch(
      /^params\.code: reserved close code/,
    );
    expect(issues([])).toEqual(['(root): empty list of faults']);
  });

  it('add() throws a FaultSpecError listing the issues and adds nothing; addAll is all-or-nothing', () => {
    const { injector } = makeInjector();
    expect(() => injector.add({ venue: 'kalshi', kind: 'latency' })).toThrow(FaultSpecError);
    expect(() => injector.add({ venue: 'kalshi', kind: 'latency' })).toThrow(/^invalid fault spec: params: /);
    expect(() =>
      injector.addAll([
        { venue: 'kalshi', kind: 'http_429' },
        { venue: 'kalshi', kind: 'nope' },
      ]),
    ).toThrow(/\[1\]\.kind/);
    expect(injector.list()).toEqual([]);
    expect(
      injector.addAll([
        { venue: 'kalshi', kind: 'http_429' },
        { venue: '*', kind: 'timeout' },
      ]),
    ).toEqual(['f1', 'f2']);
  });

  it('lists, removes and clears by venue (a * fault applies to, and is cleared with, either venue)', () => {
    const { injector } = makeInjector();
    const k = injector.add({ venue: 'kalshi', kind: 'http_429' });
    const p = injector.add({ venue: 'polymarket', kind: 'http_429' });
    const both = injector.add({ venue: '*', kind: 'timeout' });
    expect(injector.list('kalshi').map((f) => f.id)).toEqual([k, both]);
    expect(injector.remove('nope')).toBe(false);
    expect(injector.clear('polymarket')).toEqual([p, both]);
    expect(injector.list().map((f) => f.id)).toEqual([k]);
    expect(injector.clear()).toEqual([k]);
  });
});
