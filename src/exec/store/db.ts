/**
 * The order store's SQLite connection: opened in WAL mode with `synchronous=FULL` (a commit is on disk before it
 * returns), migrated to the schema this build knows, with prepared statements cached and one way to group
 * writes into a transaction. Every table module of the store shares one `StoreDb`, so a write that spans several
 * tables (a fill and its position, an order event and the fill it applies) still commits as one.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './schema.ts';

export class StoreVersionError extends Error {}

export interface StoreDbOptions {
  readonly readonly: boolean;
  /** false: no fsyncs (a throwaway paper store). */
  readonly durable?: boolean;
}

export class StoreDb {
  readonly sqlite: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    readonly path: string,
    options: StoreDbOptions,
  ) {
    if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
    this.sqlite = new Database(path, { readonly: options.readonly, fileMustExist: options.readonly });
    if (!options.readonly) {
      this.sqlite.pragma('journal_mode = WAL');
      // FULL: a commit is on disk before it returns (intents must be). A throwaway paper store skips the syncs.
      this.sqlite.pragma(options.durable === false ? 'synchronous = OFF' : 'synchronous = FULL');
      this.sqlite.pragma('foreign_keys = ON');
      this.sqlite.pragma('busy_timeout = 5000');
      this.migrate();
    } else {
      this.sqlite.pragma('busy_timeout = 5000');
      this.refuseNewer(this.sqlite.pragma('user_version', { simple: true }) as number);
    }
  }

  close(): void {
    this.sqlite.close();
  }

  private refuseNewer(version: number): void {
    if (version > MIGRATIONS.length)
      throw new StoreVersionError(
        `${this.path} was written by a newer arb (schema ${version}, this build knows ${MIGRATIONS.length})`,
      );
  }

  private migrate(): void {
    const version = this.sqlite.pragma('user_version', { simple: true }) as number;
    this.refuseNewer(version);
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.sqlite.transaction(() => {
        this.sqlite.exec(MIGRATIONS[v]!);
        this.sqlite.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  /** Prepared once per store: preparing costs more than running. */
  stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.sqlite.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Run `fn` in one transaction: all of it is on disk, or none of it. A call inside another is a savepoint of it: still one commit. */
  tx<T>(fn: () => T): T {
    return this.sqlite.transaction(fn)();
  }
}
