/**
 * A bounded ring: keeps the last `capacity` items pushed, oldest first. A push is O(1) whatever the fill; the
 * array it replaces dropped the oldest item with `splice(0, 1)`, which moved every other item on each push once
 * full, the steady state of a simulator left running for days.
 */
export class Ring<T> {
  private readonly items: T[] = [];
  /** Index of the oldest item once the ring is full (before that, items fill 0…size−1 in order). */
  private head = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    }
  }

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    this.items[this.head] = item;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
  }

  /** Every item kept, oldest first (a new array). */
  toArray(): T[] {
    return this.filter(() => true);
  }

  /** The items kept that pass `keep`, oldest first. */
  filter(keep: (item: T) => boolean): T[] {
    const out: T[] = [];
    const n = this.items.length;
    for (let k = 0; k < n; k++) {
      // In range by construction: the index is taken modulo the number of items held.
      const item = this.items[(this.head + k) % n] as T;
      if (keep(item)) out.push(item);
    }
    return out;
  }
}
