/**
 * `arb sim` as a child process serves the Kalshi protocol: the official client, given only the connection
 * file, lists markets page by page, and the adapter streams a live (price-process driven) book over the WS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RealClock } from '../../src/app/real-clock.ts';
import { Rng } from '../../src/core/rng.ts';
import { KalshiAdapter } from '../../src/venues/kalshi/index.ts';
import type { BookEvent } from '../../src/venues/venue.ts';
import { tempDir } from '../app/helpers.ts';
import { officialKalshi } from '../venues/kalshi/official-sdk.ts';
import { spawnArb } from './support.ts';

interface KalshiConnection {
  restUrl: string;
  wsUrl: string;
  keyId: string;
  privateKeyPem: string;
}

describe('arb sim serves Kalshi (seed 3)', () => {
  it('the official client lists markets through the connection file; the adapter streams a book', async () => {
    const cwd = tempDir();
    const file = join(cwd, 'conn.json');
    const sim = spawnArb(
      [
        'sim',
        '--scenario',
        'small',
        '--seed',
        '3',
        '--kalshi-port',
        '0',
        '--polymarket-port',
        '0',
        '--connection-file',
        file,
      ],
      cwd,
    );
    try {
      await sim.waitFor(/arb sim: ready/, 10_000, 'the ready line');
      const kalshi = (JSON.parse(readFileSync(file, 'utf8')) as { kalshi: KalshiConnection }).kalshi;
      const official = officialKalshi(kalshi);
      const api = official.market;
      const tickers: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await api.getMarkets(4, cursor);
        tickers.push(...res.data.markets.map((m) => m.ticker));
        cursor = res.data.cursor === '' ? undefined : res.data.cursor;
        pages++;
      } while (cursor !== undefined && pages < 50);
      expect(pages).toBeGreaterThan(1);
      expect(new Set(tickers).size).toBe(tickers.length);
      expect(tickers.length).toBeGreaterThan(4);
      expect((await official.portfolio.getBalance()).data.balance).toBeGreaterThan(0);

      const adapter = new KalshiAdapter({ ...kalshi, clock: new RealClock(), rng: new Rng(3) });
      try {
        const snapshot = new Promise<BookEvent>((resolve) => {
          const stream = adapter.streamBooks([tickers[0]!], (e) => {
            if (e.type === 'snapshot') resolve(e);
          });
          void stream.ready;
        });
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no snapshot within 5 s')), 5_000);
        });
        const e = await Promise.race([snapshot, timeout]).finally(() => clearTimeout(timer));
        // The price process quotes every market from the start: the book has both sides.
        expect(e.type === 'snapshot' && e.yesBids.length > 0 && e.yesAsks.length > 0).toBe(true);
      } finally {
        await adapter.close();
      }
    } finally {
      sim.child.kill('SIGTERM');
      await sim.exited;
    }
  });
});
