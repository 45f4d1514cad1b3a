/**
 * The connection file (the `arb sim` format: URLs and keys per venue), read and checked for `arb live` and
 * `arb gates`: every problem at once, the key material checked for form before anything is sent.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { ConnectionInfo } from '../../sim/connection.ts';

const ConnectionFileSchema = z.object({
  kalshi: z.object({
    restUrl: z.string().url(),
    wsUrl: z.string().url(),
    keyId: z.string().min(1),
    privateKeyPem: z.string().min(1),
  }),
  polymarket: z.object({
    clobUrl: z.string().url(),
    wsUrl: z.string().url(),
    userWsUrl: z.string().url(),
    dataUrl: z.string().url(),
    gammaUrl: z.string().url(),
    privateKey: z.string().min(1),
    chainId: z.number().int().positive(),
  }),
  admin: z.object({ kalshi: z.string(), polymarket: z.string() }).optional(),
});

export type ConnectionRead = { ok: true; info: ConnectionInfo } | { ok: false; problems: string[] };

export function readConnectionFile(cwd: string, file: string): ConnectionRead {
  let info: ConnectionInfo;
  try {
    const parsed = ConnectionFileSchema.safeParse(JSON.parse(readFileSync(resolve(cwd, file), 'utf8')));
    if (!parsed.success)
      return {
        ok: false,
        problems: parsed.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`),
      };
    info = parsed.data as ConnectionInfo;
  } catch (e) {
    return {
      ok: false,
      problems: [`cannot read connection file ${file}: ${e instanceof Error ? e.message : String(e)}`],
    };
  }
  const problems: string[] = [];
  try {
    createPrivateKey(info.kalshi.privateKeyPem);
  } catch (e) {
    problems.push(
      `${file}: kalshi.privateKeyPem: not a usable private key (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  if (!/^0x[0-9a-fA-F]{64}$/.test(info.polymarket.privateKey))
    problems.push(`${file}: polymarket.privateKey: expected 0x and 64 hex digits`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, info };
}
