/**
 * The heartbeat dead-man switch (P2): once a key has sent `POST /v1/heartbeats`, it must send another within
 * `timeoutMs` (+ `graceMs`) or every open order of its account is cancelled. Each response carries the id to
 * send next; a stale id is refused with 400 and the expected id. Timers run on the simulator clock.
 */
import { createHash } from 'node:crypto';
import type { TimerHandle } from '../../core/clock.ts';
import { json, ok } from '../server/reply.ts';
import { l2 } from './auth-l2.ts';
import type { FrontContext } from './context.ts';

interface Session {
  id: string;
  timer: TimerHandle | undefined;
}

export class Heartbeats {
  private readonly sessions = new Map<string, Session>();
  private n = 0;
  /** Sessions that expired (and had their orders cancelled), for the log and tests. */
  expirations = 0;

  constructor(private readonly ctx: FrontContext) {}

  mount(): void {
    this.ctx.rt.server.post(
      '/v1/heartbeats',
      l2(this.ctx, (req, key) => {
        const body = req.body as { heartbeat_id?: unknown } | undefined;
        const given = typeof body?.heartbeat_id === 'string' ? body.heartbeat_id : '';
        const s = this.sessions.get(key.creds.apiKey);
        if (s && given !== '' && given !== s.id)
          return json(400, { error: 'Invalid Heartbeat ID', heartbeat_id: s.id });
        const session = s ?? { id: '', timer: undefined };
        session.id = this.nextId(key.creds.apiKey);
        this.ctx.clock.clearTimer(session.timer);
        const { timeoutMs, graceMs } = this.ctx.opts.heartbeat;
        session.timer = this.ctx.clock.setTimeout(
          () => this.expire(key.creds.apiKey, key.account),
          timeoutMs + graceMs,
        );
        this.sessions.set(key.creds.apiKey, session);
        return ok({ heartbeat_id: session.id });
      }),
    );
  }

  dispose(): void {
    for (const s of this.sessions.values()) this.ctx.clock.clearTimer(s.timer);
    this.sessions.clear();
  }

  private expire(apiKey: string, account: string): void {
    this.sessions.delete(apiKey);
    this.expirations++;
    this.ctx.ex.cancelAll(account, undefined, 'heartbeat');
  }

  private nextId(apiKey: string): string {
    const h = createHash('sha256').update(`hb:${apiKey}:${++this.n}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
