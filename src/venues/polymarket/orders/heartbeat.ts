/**
 * The heartbeat dead-man switch (P2): once started, `POST /v1/heartbeats` must keep coming or the venue cancels
 * every open order of the key. Each answer names the id to send next (a 400 names the one expected, which we
 * adopt). Runs on the injected clock.
 */
import type { Clock, TimerHandle } from '../../../core/clock.ts';
import type { PolyClient } from '../rest/client.ts';

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
    private readonly rest: PolyClient,
    private readonly clock: Clock,
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
    const reply = await this.rest.heartbeat(this.id);
    if (reply.nextId !== undefined) this.id = reply.nextId;
    if (reply.accepted) {
      this.stats.sent++;
      return true;
    }
    this.stats.failed++;
    this.lastProblem = reply.problem;
    if (!reply.noCredentials) this.onProblem?.(`heartbeat failed: ${this.lastProblem}`);
    return false;
  }
}
