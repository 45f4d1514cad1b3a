/** `arb sim` as a child process serves the Polymarket CLOB: the official client reads it via the connection file. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClobClient, OrderType, Side } from '@polymarket/clob-client-v2';
import { createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../app/helpers.ts';
import { spawnArb } from './support.ts';

interface Connection {
  polymarket: { clobUrl: string; wsUrl: string; gammaUrl: string; privateKey: string; chainId: number };
}

describe('arb sim serves Polymarket', () => {
  it('the official client derives keys, lists markets, reads a live book and posts an order, via the connection file', async () => {
    const cwd = tempDir();
    const file = join(cwd, 'conn.json');
    const sim = spawnArb(
      [
        'sim',
        '--scenario',
        'small',
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
      const conn = (JSON.parse(readFileSync(file, 'utf8')) as Connection).polymarket;
      const signer = createWalletClient({
        account: privateKeyToAccount(conn.privateKey as `0x${string}`),
        transport: http('http://127.0.0.1:9'),
      });
      const creds = await new ClobClient({
        host: conn.clobUrl,
        chain: conn.chainId,
        signer,
      }).createOrDeriveApiKey();
      const c = new ClobClient({
        host: conn.clobUrl,
        chain: conn.chainId,
        signer,
        creds,
        throwOnError: true,
      });
      const markets = (await c.getMarkets()).data as {
        condition_id: string;
        neg_risk: boolean;
        tokens: { token_id: string }[];
      }[];
      expect(markets.length).toBeGreaterThan(5);
      const m = markets.find((x) => !x.neg_risk)!;
      const book = await c.getOrderBook(m.tokens[0]!.token_id);
      expect(book.market).toBe(m.condition_id);
      expect(await c.getOrderBookHash({ ...book })).toBe(book.hash);
      const events = (await fetch(`${conn.gammaUrl}/events?limit=5`).then((r) => r.json())) as unknown[];
      expect(events.length).toBeGreaterThan(0);
      const resp = await c.createAndPostOrder(
        { tokenID: m.tokens[0]!.token_id, price: 0.02, side: Side.BUY, size: 5 },
        undefined,
        OrderType.GTC,
      );
      expect(resp).toMatchObject({ success: true, status: 'live' });
      expect(await c.cancelOrder({ orderID: resp.orderID })).toEqual({
        canceled: [resp.orderID],
        not_canceled: {},
      });
      sim.child.kill('SIGTERM');
      expect((await sim.exited).code).toBe(0);
    } finally {
      sim.kill();
    }
  }, 30_000);
});
