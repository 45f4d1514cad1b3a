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
  /** Scheduled beats skipped because the previous one had not returned. */
  skipped: number;
  running: boolean;
}

export class HeartbeatLoop {
  readonly stats: HeartbeatStats = { sent: 0, failed: 0, skipped: 0, running: false };
  private timer: TimerHandle | undefined;
  private id = '';
  private inFlight = false;
  private lastProblem = '';
  private onBeat: ((ok: boolean, problem?: string) => void) | undefined;

  constructor(
    private readonly rest: PolyRest,
    private readonly clock: Clock,
    private readonly credentials: () => Promise<VenueResult<ApiCreds>>,
    private readonly onProblem?: (reason: string) => void,
  ) {}

  start(everyMs: number, onBeat?: (ok: boolean, problem?: string) => void): void {
    if (this.timer) return;
    this.stats.running = true;
    this.onBeat = onBeat;
    void this.tick();
    this.timer = this.clock.setInterval(() => void this.tick(), everyMs);
  }

  /** One scheduled beat; skipped while the previous one is still out (a pile-up would send stale ids). */
  private async tick(): Promise<void> {
    if (this.inFlight) {
      this.stats.skipped++;
      return;
    }
    this.inFlight = true;
    try {
      const ok = await this.beat();
      if (this.timer !== undefined) this.onBeat?.(ok, ok ? undefined : this.lastProblem);
    } finally {
      this.inFlight = false;
    }
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
      this.lastProblem = `no API credentials: ${creds.error.message}`;
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
    this.lastProblem = out.ok ? `HTTP ${out.res.status}` : out.message;
    this.onProblem?.(`heartbeat failed: ${this.lastProblem}`);
    return false;
  }
}
