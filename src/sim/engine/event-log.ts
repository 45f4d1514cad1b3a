/**
 * The exchange's event log: numbers every state change, stamps it with the clock, hands it to subscribers and,
 * with `hashEvents`, folds it into a SHA-256 so that two runs are compared by one string.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Clock } from '../../core/clock.ts';
import type { SimEvent, SimEventBody } from './types.ts';

export class EventLog {
  private readonly listeners = new Set<(e: SimEvent) => void>();
  private readonly hash: Hash | undefined;
  private seqNo = 0;

  constructor(
    private readonly clock: Clock,
    hashEvents: boolean,
  ) {
    this.hash = hashEvents ? createHash('sha256') : undefined;
  }

  subscribe(listener: (e: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sequence number of the last event. */
  get seq(): number {
    return this.seqNo;
  }

  /** SHA-256 over every event so far (only with `hashEvents`). */
  digest(): string | undefined {
    return this.hash?.copy().digest('hex');
  }

  emit(body: SimEventBody): void {
    const e = { ...body, seq: ++this.seqNo, tsMs: this.clock.now() } as SimEvent;
    if (this.hash) this.hash.update(JSON.stringify(e));
    for (const l of this.listeners) l(e);
  }
}
