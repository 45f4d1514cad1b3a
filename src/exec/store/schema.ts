/**
 * The order store's schema, as numbered migrations. `PRAGMA user_version` says how many have run; opening a
 * store runs the rest in one transaction each, so a store written by an older build upgrades in place and a
 * store from a newer build is refused (we would not know what its columns mean).
 *
 * All money and quantities are integers in core units (Px, Qty, Micros); times are epoch milliseconds.
 * Documented for operators in docs/operations.md ("The order store").
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  -- A multi-leg intent: the plan, and the package state machine's snapshot.
  CREATE TABLE packages (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    opportunity_id TEXT NOT NULL,
    lane TEXT NOT NULL,
    qty INTEGER NOT NULL,
    payout_units INTEGER NOT NULL,
    expected_edge INTEGER NOT NULL,
    legs_json TEXT NOT NULL,
    state TEXT NOT NULL,
    bought_json TEXT NOT NULL,
    sold_json TEXT NOT NULL,
    done_json TEXT NOT NULL,
    reason TEXT,
    naked_micros_ms INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
  );

  -- One order we meant to place, written (and synced) before the request leaves. Its id is the client order id.
  CREATE TABLE intents (
    client_order_id TEXT PRIMARY KEY,
    package_id TEXT REFERENCES packages(id),
    role TEXT NOT NULL CHECK (role IN ('leg', 'complete', 'unwind', 'replace', 'manual')),
    leg INTEGER NOT NULL,
    venue TEXT NOT NULL,
    market TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('YES', 'NO')),
    side TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
    px INTEGER NOT NULL,
    qty INTEGER NOT NULL,
    tif TEXT NOT NULL,
    state TEXT NOT NULL,
    filled INTEGER NOT NULL DEFAULT 0,
    fill_sum INTEGER NOT NULL DEFAULT 0,
    reported_filled INTEGER NOT NULL DEFAULT 0,
    closed_status TEXT,
    venue_order_id TEXT,
    error TEXT,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
  );
  CREATE INDEX intents_by_package ON intents(package_id);
  CREATE INDEX intents_by_state ON intents(state);

  -- The venue's view of every order on the account, ours (client_order_id set) or adopted.
  CREATE TABLE orders (
    venue TEXT NOT NULL,
    id TEXT NOT NULL,
    client_order_id TEXT,
    market TEXT NOT NULL,
    outcome TEXT NOT NULL,
    side TEXT NOT NULL,
    px INTEGER NOT NULL,
    qty INTEGER NOT NULL,
    filled INTEGER NOT NULL,
    status TEXT NOT NULL,
    adopted INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY (venue, id)
  );
  CREATE INDEX orders_by_client_id ON orders(client_order_id);

  -- Executions, as the venue reported them (its terms, its ids): idempotent on (venue, id).
  CREATE TABLE fills (
    venue TEXT NOT NULL,
    id TEXT NOT NULL,
    order_id TEXT NOT NULL,
    client_order_id TEXT,
    market TEXT NOT NULL,
    outcome TEXT NOT NULL,
    side TEXT NOT NULL,
    px INTEGER NOT NULL,
    qty INTEGER NOT NULL,
    fee INTEGER NOT NULL,
    liquidity TEXT NOT NULL,
    ts_ms INTEGER NOT NULL,
    final INTEGER NOT NULL,
    reversed INTEGER NOT NULL DEFAULT 0,
    adopted INTEGER NOT NULL DEFAULT 0,
    recorded_ms INTEGER NOT NULL,
    PRIMARY KEY (venue, id)
  );
  CREATE INDEX fills_by_order ON fills(venue, order_id);
  CREATE INDEX fills_by_client_order ON fills(client_order_id);

  -- Held contracts: what the fills add up to (venue netting rules applied) plus any adjustment adopted from
  -- the venue when the two disagreed on recovery.
  CREATE TABLE positions (
    venue TEXT NOT NULL,
    market TEXT NOT NULL,
    outcome TEXT NOT NULL,
    from_fills INTEGER NOT NULL,
    adjustment INTEGER NOT NULL DEFAULT 0,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY (venue, market, outcome)
  );

  CREATE TABLE balances (
    venue TEXT PRIMARY KEY,
    micros INTEGER NOT NULL,
    refreshed_ms INTEGER NOT NULL
  );

  -- Why new packages are refused. Safe mode is on while any row has acked_ms NULL.
  CREATE TABLE safe_mode (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL,
    detail TEXT NOT NULL,
    raised_ms INTEGER NOT NULL,
    acked_ms INTEGER,
    acked_by TEXT
  );

  -- Append-only: every state change and decision, in order.
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    ts_ms INTEGER NOT NULL,
    kind TEXT NOT NULL,
    package_id TEXT,
    client_order_id TEXT,
    venue TEXT,
    data_json TEXT NOT NULL
  );
  CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
  CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
  `,
  // 2: (a) idempotency keys of the leg and unwind results a package has counted (its state machine's applied);
  // (b) fills a venue undid (Polymarket trades FAILED after matching) are taken back through the order state
  // machine, so each fill row says whether its fill and its reversal were applied to its intent; the intent keeps
  // the reversed quantity. Fills recorded before this migration were already reflected in their intents.
  `
  ALTER TABLE packages ADD COLUMN applied_json TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE intents ADD COLUMN reversed_sum INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE fills ADD COLUMN applied INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE fills ADD COLUMN reversal_applied INTEGER NOT NULL DEFAULT 0;
  UPDATE fills SET applied = 1 WHERE client_order_id IS NOT NULL;
  `,
];
