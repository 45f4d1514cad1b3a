/**
 * The venue's own safety net on Kalshi (issue 16): one order group per adapter, created before the first order,
 * with a rolling contracts limit (the venue counts every contract our orders match over 15 s; past the limit it
 * cancels the group's resting orders and refuses new ones until reset). Every order carries its id, so the
 * venue stops us past the cap even if this process is dead or wrong.
 *
 * The group is created lazily and once: concurrent first orders share one creation, and a failed creation is
 * retried by the next order (the order that needed it is not sent, so its error is never `unknown`).
 */
import type { Clock } from '../../../core/clock.ts';
import { err, ok } from '../../../core/errors.ts';
import type { VenueError, VenueResult } from '../../venue.ts';
import type { KalshiRest } from '../rest/client.ts';

export interface OrderGroupStatus {
  /** The venue's id, once created. */
  readonly id: string | undefined;
  /** Whole contracts per rolling 15 s window. */
  readonly contractsLimit: number;
  /** When an order was last refused because the group was triggered (the venue's cap was hit), if since reset. */
  readonly triggeredAtMs: number | undefined;
}

export class KalshiOrderGroup {
  private id: string | undefined;
  private creating: Promise<VenueResult<string>> | undefined;
  private triggeredAtMs: number | undefined;

  constructor(
    private readonly rest: KalshiRest,
    private readonly clock: Clock,
    readonly contractsLimit: number,
  ) {}

  get status(): OrderGroupStatus {
    return { id: this.id, contractsLimit: this.contractsLimit, triggeredAtMs: this.triggeredAtMs };
  }

  /** The group's id, creating the group on first use. */
  ensure(): Promise<VenueResult<string>> {
    if (this.id !== undefined) return Promise.resolve(ok(this.id));
    this.creating ??= this.create().finally(() => {
      this.creating = undefined;
    });
    return this.creating;
  }

  /** An order refused because the group is triggered: remembered for the status. */
  noteRefusal(e: VenueError): void {
    if (e.code === 'KALSHI.ORDER_GROUP_TRIGGERED') this.triggeredAtMs ??= this.clock.now();
    // The venue forgot the group (deleted elsewhere): make a new one for the next order.
    if (e.code === 'KALSHI.ORDER_GROUP_NOT_FOUND') this.id = undefined;
  }

  /** Stop new orders at the venue itself: cancel the group's resting orders, refuse new ones until reset. */
  async trigger(): Promise<VenueResult<void>> {
    if (this.id === undefined) return ok(undefined);
    const r = await this.rest.orderGroupAction(this.id, 'trigger');
    if (r.ok) this.triggeredAtMs ??= this.clock.now();
    return r;
  }

  /** Accept orders again after a trigger (the venue's or ours): clears the venue's rolling count too. */
  async reset(): Promise<VenueResult<void>> {
    if (this.id === undefined) return ok(undefined);
    const r = await this.rest.orderGroupAction(this.id, 'reset');
    if (r.ok) this.triggeredAtMs = undefined;
    return r;
  }

  private async create(): Promise<VenueResult<string>> {
    const r = await this.rest.createOrderGroup(`${this.contractsLimit}.00`);
    if (!r.ok) {
      // The order that needed the group was not sent: whatever happened to the group, the order is not unknown.
      const kind = r.error.kind === 'unknown' ? 'retryable' : r.error.kind;
      return err({ ...r.error, kind, message: `creating the order group: ${r.error.message}` });
    }
    this.id = r.value.order_group_id;
    this.triggeredAtMs = undefined; // a new group starts untriggered
    return ok(this.id);
  }
}
