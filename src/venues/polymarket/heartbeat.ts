/**
 * The heartbeat dead-man switch (P2): once started, `POST /v1/heartbeats` must keep coming or the venue cancels
 * every open order of the key. Each answer names the id to send next (a 400 names the one expected, which we
 * adopt). Runs on the injected clock.
 */
import type { Clock, TimerHandle } from '../../core/clock.ts';
import type { VenueResult } from '../venue.ts';
import type { ApiCreds } from './auth.ts';
import type { PolyRest } from './rest.ts';

export interface HeartbeatStats {
  sent: number;
  failed: number;
  running: boolean;
}

export class HeartbeatLoop {
  readonly stats: HeartbeatStats = { sent: 0, failed: 0, running: false };
  private timer: TimerHandle | undefined;
  private id = '';

  constructor(
    private readonly rest: PolyRest,
    private readonly clock: Clock,
    private readonly credentials: () => Promise<VenueResult<ApiCreds>>,
    private readonly onProblem?: (reason: string) => void,
  ) {}

  start(everyMs: number): void {
    if (this.timer) return;
    this.stats.running = true;
    void this.beat();
    this.timer = this.clock.setInterval(() => void this.beat(), everyMs);
  }

  stop(): void {
    this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.stats.running = false;
  }

  async beat(): Promise<boolean> {
    const creds = await this.credentials();
    if (!creds.ok) {
      this.stats.failed++;
      return false;
    }
    const body = JSON.stringify({ heartbeat_id: this.id });
    const out = await this.rest.raw('POST', '/v1/heartbeats', { body, auth: true });
    if (out.ok) {
      try {
        const v = JSON.parse(out.res.text) as { heartbeat_id?: unknown };
        if (typeof v.heartbeat_id === 'string') this.id = v.heartbeat_id;
      } catch {
        /* an unreadable answer counts as a failed beat below, unless it was a 200 */
      }
      if (out.res.status === 200) {
        this.stats.sent++;
        return true;
      }
    }
    this.stats.failed++;
    this.onProblem?.(`heartbeat failed: ${out.ok ? `HTTP ${out.res.status}` : out.message}`);
    return false;
  }
}
