import { describe, expect, it } from 'vitest';
import {
  GATE_NAMES,
  chainVerdict,
  green,
  judgeClock,
  judgeCredentials,
  judgeKill,
  judgeMappingGate,
  judgeReachable,
  judgeSmoke,
  judgeStore,
  judgeStream,
  minimumSkewMs,
  red,
  skipReason,
  topOfBookAgrees,
} from '../../../src/app/gates/gate-chain.ts';
import type { Px, Qty } from '../../../src/core/units.ts';

const lv = (px: number, qty: number) => ({ px: px as Px, qty: qty as Qty });
const NO_KILL = { global: false, venues: { kalshi: false, polymarket: false } };

describe('gate chain order and skipping', () => {
  it('runs the gates in the documented order', () => {
    expect(GATE_NAMES).toEqual([
      'config',
      'connection',
      'reachable',
      'credentials',
      'clock',
      'stream',
      'smoke',
      'store',
      'kill',
      'mapping',
    ]);
  });

  it('skips a gate whose prerequisite is red, naming it; runs it when the prerequisite is green', () => {
    const down = [green('config', ''), green('connection', ''), red('reachable', 'kalshi: refused')];
    expect(skipReason('credentials', down)).toBe('needs "reachable" green (it is red)');
    expect(skipReason('clock', down)).toBe('needs "reachable" green (it is red)');
    expect(skipReason('kill', down)).toBeUndefined();
    expect(skipReason('stream', [...down])).toBe('needs "credentials" green (it is not run)');
  });

  it('passes only when every gate is green; otherwise names the first one that is not', () => {
    expect(chainVerdict([green('config', ''), green('kill', '')])).toEqual({ pass: true });
    const v = chainVerdict([green('config', ''), red('kill', 'set'), red('mapping', 'none')]);
    expect(v.pass).toBe(false);
    expect(v.blocking?.name).toBe('kill');
  });
});

describe('gate verdicts', () => {
  it('reachable: red names each venue that did not answer and why', () => {
    const r = judgeReachable({
      kalshi: { ok: true },
      polymarket: { ok: false, error: 'GET /time: ECONNREFUSED' },
    });
    expect(r).toMatchObject({
      name: 'reachable',
      status: 'red',
      reason: 'polymarket: GET /time: ECONNREFUSED',
    });
    expect(judgeReachable({ kalshi: { ok: true }, polymarket: { ok: true } }).status).toBe('green');
  });

  it('credentials: a fatal answer is a rejected key, named with the venue and its code', () => {
    const r = judgeCredentials({
      kalshi: {
        ok: false,
        error: { kind: 'fatal', code: 'KALSHI.UNAUTHORIZED', message: 'bad signature', status: 401 },
      },
      polymarket: { ok: true, value: 5_000_000 as never },
    });
    expect(r.status).toBe('red');
    expect(r.reason).toBe('kalshi: key rejected: KALSHI.UNAUTHORIZED (HTTP 401): bad signature');
    const ok = judgeCredentials({
      kalshi: { ok: true, value: 1 as never },
      polymarket: { ok: true, value: 2 as never },
    });
    expect(ok).toMatchObject({
      status: 'green',
      reason: 'kalshi balance 1 micros, polymarket balance 2 micros',
    });
  });

  it('clock: whole-second server time is no skew when it fits the request window; a real gap is red', () => {
    // Server said 100 s (true time in [100 000, 101 000)); we asked between 100 400 and 100 600: consistent.
    expect(
      minimumSkewMs({ serverMs: 100_000, resolutionMs: 1000, localBeforeMs: 100_400, localAfterMs: 100_600 }),
    ).toBe(0);
    // Server 5 s ahead of anything the window allows: at least 5000 − 600 = 4400 ms ahead.
    expect(
      minimumSkewMs({ serverMs: 105_000, resolutionMs: 1000, localBeforeMs: 100_400, localAfterMs: 100_600 }),
    ).toBe(4_400);
    // Server behind: its latest possible time 96 000 + 1000 against our earliest 100 400.
    expect(
      minimumSkewMs({ serverMs: 96_000, resolutionMs: 1000, localBeforeMs: 100_400, localAfterMs: 100_600 }),
    ).toBe(-3_400);
    const r = judgeClock(
      {
        kalshi: undefined,
        polymarket: { serverMs: 105_000, resolutionMs: 1000, localBeforeMs: 100_400, localAfterMs: 100_600 },
      },
      2_000,
    );
    expect(r.status).toBe('red');
    expect(r.reason).toContain('polymarket: at least 4400 ms ahead of us');
    const fine = judgeClock(
      {
        polymarket: { serverMs: 101_000, resolutionMs: 1000, localBeforeMs: 100_400, localAfterMs: 100_600 },
      },
      2_000,
    );
    expect(fine).toMatchObject({
      status: 'green',
      reason: 'polymarket: at least 400 ms ahead of us (bound 2000 ms)',
    });
  });

  it('stream: red when a venue sent no snapshot, naming the market', () => {
    const r = judgeStream({
      kalshi: { market: 'K1', snapshot: { yesBids: [], yesAsks: [] } },
      polymarket: { market: 'P1', error: 'no answer within 300 ms' },
    });
    expect(r).toMatchObject({
      status: 'red',
      reason: 'polymarket: no snapshot for P1: no answer within 300 ms',
    });
  });

  it('smoke: top of book must agree in price and size; the disagreement is shown', () => {
    const a = { yesBids: [lv(4_000, 500), lv(3_900, 100)], yesAsks: [lv(4_200, 300)] };
    expect(topOfBookAgrees(a, { yesBids: [lv(4_000, 500)], yesAsks: [lv(4_200, 300), lv(4_300, 1)] })).toBe(
      true,
    );
    const b = { yesBids: [lv(4_000, 400)], yesAsks: [lv(4_200, 300)] };
    expect(topOfBookAgrees(a, b)).toBe(false);
    expect(topOfBookAgrees(a, { yesBids: [], yesAsks: [lv(4_200, 300)] })).toBe(false);
    const r = judgeSmoke({
      kalshi: { market: 'K1', attempts: 3, agreed: false, last: { rest: a, stream: b } },
    });
    expect(r).toMatchObject({
      status: 'red',
      reason:
        'kalshi K1: REST bid 500@4000 / ask 300@4200 vs stream bid 400@4000 / ask 300@4200 after 3 attempts',
    });
  });

  it('store: safe-mode reasons are red with each code; no store yet is green', () => {
    expect(judgeStore({ exists: false }).status).toBe('green');
    const r = judgeStore({
      exists: true,
      safeModeReasons: [{ code: 'UNHEDGED_PACKAGE', detail: 'pkg 3 leg A' }],
      unresolvedIntents: 0,
    });
    expect(r).toMatchObject({ status: 'red' });
    expect(r.reason).toMatch(/^safe mode: UNHEDGED_PACKAGE: pkg 3 leg A/);
    expect(judgeStore({ exists: true, safeModeReasons: [], unresolvedIntents: 2 })).toMatchObject({
      status: 'green',
      reason: 'no safe-mode reasons; 2 intent(s) without an outcome, resolved by crash recovery at start',
    });
  });

  it('kill: any switch (global file, ARB_KILL, one venue) is red and named', () => {
    expect(judgeKill(NO_KILL, false).status).toBe('green');
    expect(judgeKill({ global: true, venues: { kalshi: false, polymarket: false } }, false).reason).toContain(
      'global (KILL file)',
    );
    expect(judgeKill(NO_KILL, true).reason).toContain('global (ARB_KILL)');
    const v = judgeKill({ global: false, venues: { kalshi: false, polymarket: true } }, false);
    expect(v).toMatchObject({ status: 'red' });
    expect(v.reason).toContain('polymarket (KILL.polymarket file)');
  });

  it('mapping: no file or nothing tradable is red', () => {
    expect(judgeMappingGate({ file: undefined }).status).toBe('red');
    expect(judgeMappingGate({ file: 'm.json', trades: 0, review: 2, refused: 1 })).toMatchObject({
      status: 'red',
      reason: 'm.json: no tradable relation (2 need review, 1 refused; "arb mapping check m.json")',
    });
    expect(judgeMappingGate({ file: 'm.json', trades: 3, review: 0, refused: 0 }).status).toBe('green');
  });
});
