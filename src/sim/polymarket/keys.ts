/**
 * API keys: derived deterministically from (wallet address, nonce) with a fixed server secret, so `derive`
 * returns the same credentials on every run (the real venue keeps keys across sessions too). A key belongs to
 * the wallet that created it; the simulator's test wallet trades from the `bot` account, any other wallet from
 * an account named after its lowercase address (opened empty on first use).
 */
import { createHmac } from 'node:crypto';
import { SIM_POLYMARKET_ADDRESS } from '../credentials.ts';
import type { Exchange } from '../engine/exchange.ts';
import { BOT_ACCOUNT } from '../venue-exchanges.ts';

export interface ApiCreds {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase: string;
}

export interface ApiKeyRecord {
  readonly creds: ApiCreds;
  /** Lowercase wallet address. */
  readonly address: string;
  readonly account: string;
}

const SERVER_SECRET = 'arb-sim-polymarket-api-keys';

function derive(address: string, nonce: string): ApiCreds {
  const mac = (label: string): Buffer =>
    createHmac('sha256', SERVER_SECRET).update(`${label}:${address}:${nonce}`).digest();
  const k = mac('key').toString('hex');
  // A UUID-shaped key, a 32-byte URL-safe base64 secret and a 64-hex passphrase, as the venue hands out.
  const apiKey = `${k.slice(0, 8)}-${k.slice(8, 12)}-4${k.slice(13, 16)}-a${k.slice(17, 20)}-${k.slice(20, 32)}`;
  const secret = mac('secret').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  const passphrase = mac('passphrase').toString('hex');
  return { apiKey, secret, passphrase };
}

export class KeyRegistry {
  private readonly byKey = new Map<string, ApiKeyRecord>();
  private readonly accounts = new Set<string>([BOT_ACCOUNT]);

  constructor(private readonly exchange: Exchange) {}

  /** `POST /auth/api-key`: a new key for this nonce, or undefined when it already exists (the venue refuses). */
  create(address: string, nonce: string): ApiKeyRecord | undefined {
    const creds = derive(address.toLowerCase(), nonce);
    if (this.byKey.has(creds.apiKey)) return undefined;
    return this.register(address, creds);
  }

  /** `GET /auth/derive-api-key`: the key for this nonce (registered on first derivation). */
  derive(address: string, nonce: string): ApiKeyRecord {
    const creds = derive(address.toLowerCase(), nonce);
    return this.byKey.get(creds.apiKey) ?? this.register(address, creds);
  }

  byApiKey(apiKey: string): ApiKeyRecord | undefined {
    return this.byKey.get(apiKey);
  }

  /** Accounts that trade through an API key (their trades are tracked and reported). */
  hasAccount(account: string): boolean {
    return this.accounts.has(account);
  }

  accountOfAddress(address: string): string {
    const a = address.toLowerCase();
    return a === SIM_POLYMARKET_ADDRESS.toLowerCase() ? BOT_ACCOUNT : a;
  }

  /** The wallet address behind an account, for reports that name the maker (`maker_address`). */
  addressOfAccount(account: string): string {
    return account === BOT_ACCOUNT ? SIM_POLYMARKET_ADDRESS : account;
  }

  private register(address: string, creds: ApiCreds): ApiKeyRecord {
    const account = this.accountOfAddress(address);
    if (!this.exchange.account(account)) this.exchange.openAccount(account, 0, { tracked: true });
    this.accounts.add(account);
    const rec: ApiKeyRecord = { creds, address: address.toLowerCase(), account };
    this.byKey.set(creds.apiKey, rec);
    return rec;
  }
}
