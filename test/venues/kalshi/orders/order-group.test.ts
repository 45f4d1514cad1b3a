/** KalshiOrderGroup without a server: one creation for concurrent callers, a failed one retried, never `unknown`. */
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../../../src/core/clock.ts';
import { err, ok } from '../../../../src/core/errors.ts';
import { KalshiOrderGroup } from '../../../../src/venues/kalshi/orders/order-group.ts';
import type { KalshiRest } from '../../../../src/venues/kalshi/rest/client.ts';
import type { VenueError } from '../../../../src/venues/venue.ts';

const lost: VenueError = { kind: 'unknown', code: 'KALSHI.TIMEOUT', message: 'write got no answer' };

function restStub(answers: ('lost' | string)[]) {
  const bodies: string[] = [];
  const rest = {
    createOrderGroup: async (limitFp: string) => {
      bodies.push(limitFp);
      const a = answers.shift()!;
      return a === 'lost' ? err(lost) : ok({ order_group_id: a });
    },
  } as unknown as KalshiRest;
  return { rest, bodies };
}

describe('KalshiOrderGroup', () => {
  it('creates the group once for concurrent first orders, with the cap as contracts_limit_fp', async () => {
    const { rest, bodies } = restStub(['g-1']);
    const g = new KalshiOrderGroup(rest, new SimClock(0), 40);
    const ids = await Promise.all([g.ensure(), g.ensure(), g.ensure()]);
    expect(ids).toEqual([ok('g-1'), ok('g-1'), ok('g-1')]);
    expect(await g.ensure()).toEqual(ok('g-1'));
    expect(bodies).toEqual(['40.00']);
  });

  it('a lost creation fails the order as retryable (it was not sent), and the next order tries again', async () => {
    const { rest, bodies } = restStub(['lost', 'g-2']);
    const g = new KalshiOrderGroup(rest, new SimClock(0), 5);
    const first = await g.ensure();
    expect(first.ok).toBe(false);
    if (!first.ok) expect(first.error).toMatchObject({ kind: 'retryable', code: 'KALSHI.TIMEOUT' });
    expect(await g.ensure()).toEqual(ok('g-2'));
    expect(bodies).toHaveLength(2);
  });

  it('a group the venue no longer knows is replaced on the next order; a triggered refusal is remembered', async () => {
    const clock = new SimClock(1_000);
    const { rest } = restStub(['g-1', 'g-2']);
    const g = new KalshiOrderGroup(rest, clock, 5);
    await g.ensure();
    g.noteRefusal({ kind: 'rejected', code: 'KALSHI.ORDER_GROUP_TRIGGERED', message: 'triggered' });
    expect(g.status).toEqual({ id: 'g-1', contractsLimit: 5, triggeredAtMs: 1_000 });
    g.noteRefusal({ kind: 'rejected', code: 'KALSHI.ORDER_GROUP_NOT_FOUND', message: 'gone' });
    expect(await g.ensure()).toEqual(ok('g-2'));
    expect(g.status).toEqual({ id: 'g-2', contractsLimit: 5, triggeredAtMs: undefined });
  });
});
