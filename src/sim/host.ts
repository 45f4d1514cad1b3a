/**
 * Runs both venue simulators from a scenario: one matching engine per venue with the bot's account funded,
 * one fault injector wired into both (place hooks, exchange status), an optional price process, and one
 * `SimServer` per venue carrying the fault middleware and the admin API. Venue protocol fronts mount on the
 * servers through `fronts`; until they exist, their paths answer 404 "not implemented in the simulator yet".
 */
import type { WebSocket } from 'ws';
import type { Clock } from '../core/clock.ts';
import type { Venue } from '../core/market.ts';
import type { Rng } from '../core/rng.ts';
import {
  kalshiPresenter,
  type MarketInfo,
  mountAdmin,
  polymarketPresenter,
  type ProcessHandle,
  type VenuePresenter,
} from './admin/index.ts';
import { ADMIN_PREFIX } from './admin/routes.ts';
import {
  type ConnectionInfo,
  KALSHI_API_BASE,
  KALSHI_WS_PATH,
  POLYMARKET_DATA_API_BASE,
  POLYMARKET_GAMMA_API_BASE,
  POLYMARKET_MARKET_WS_PATH,
  POLYMARKET_USER_WS_PATH,
} from './connection.ts';
import {
  SIM_KALSHI_KEY_ID,
  SIM_KALSHI_PRIVATE_KEY_PEM,
  SIM_POLYMARKET_CHAIN_ID,
  SIM_POLYMARKET_PRIVATE_KEY,
} from './credentials.ts';
import type { Exchange } from './engine/exchange.ts';
import { FaultInjector, FeedSession, type PriceProcessControl, restFaultMiddleware } from './faults/index.ts';
import { type ServerErrorSink, SimServer } from './server/index.ts';
import type { Scenario } from './universe/types.ts';
import { createVenueExchanges } from './venue-exchanges.ts';

export { BOT_ACCOUNT } from './venue-exchanges.ts';

export interface PriceProcessFactoryContext {
  readonly exchanges: Readonly<Record<Venue, Exchange>>;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly scenario: Scenario;
}

export type RunningPriceProcess = PriceProcessControl & { stop(): void };
export type PriceProcessFactory = (ctx: PriceProcessFactoryContext) => RunningPriceProcess;

/** A venue protocol front: mounts its routes and WebSocket endpoints on the host's servers. */
export type SimFront = (host: SimHost) => void;

export interface SimHostOptions {
  readonly scenario: Scenario;
  readonly clock: Clock;
  /** The run's seed; the host forks it per component ("faults", "process"). */
  readonly rng: Rng;
  readonly host?: string;
  /** 0 (the default) picks any free port. */
  readonly kalshiPort?: number;
  readonly polymarketPort?: number;
  readonly priceProcess?: PriceProcessFactory;
  readonly fronts?: readonly SimFront[];
  readonly onError?: ServerErrorSink;
}

/** One simulated venue: what a front needs to serve it. */
export interface VenueRuntime {
  readonly venue: Venue;
  readonly exchange: Exchange;
  readonly server: SimServer;
  readonly presenter: VenuePresenter;
  /** Where REST paths start on this server ('' for Polymarket's CLOB). */
  readonly apiBase: string;
  /** A fault-aware data feed for one WebSocket client. */
  feed(socket: WebSocket): FeedSession;
}

export class SimHost {
  readonly scenario: Scenario;
  readonly clock: Clock;
  readonly injector: FaultInjector;
  readonly kalshi: VenueRuntime;
  readonly polymarket: VenueRuntime;
  readonly process: ProcessHandle;
  private readonly running: RunningPriceProcess | undefined;
  private closing: Promise<void> | undefined;

  /** Build everything and start listening on both ports. */
  static async start(opts: SimHostOptions): Promise<SimHost> {
    const host = new SimHost(opts);
    try {
      for (const front of opts.fronts ?? []) front(host);
      await host.kalshi.server.listen();
      await host.polymarket.server.listen();
    } catch (e) {
      await host.close();
      throw e;
    }
    return host;
  }

  private constructor(opts: SimHostOptions) {
    this.scenario = opts.scenario;
    this.clock = opts.clock;
    this.injector = new FaultInjector(opts.clock, opts.rng.fork('faults'));
    // Venue rules (netting, fee rounding, id prefixes) and the funded `bot` account come from one place.
    const exchanges = createVenueExchanges(opts.scenario, opts.clock);
    for (const ex of Object.values(exchanges)) this.injector.attachExchange(ex.venue, ex);
    this.running = opts.priceProcess?.({
      exchanges,
      clock: opts.clock,
      rng: opts.rng.fork('process'),
      scenario: opts.scenario,
    });
    this.injector.attachPriceProcess(this.running);
    this.process = { control: this.running, paused: false };
    this.kalshi = this.runtime('kalshi', exchanges.kalshi, KALSHI_API_BASE, opts);
    this.polymarket = this.runtime('polymarket', exchanges.polymarket, '', opts);
  }

  venue(v: Venue): VenueRuntime {
    return v === 'kalshi' ? this.kalshi : this.polymarket;
  }

  /** URLs and test credentials: the connection file's content. */
  connectionInfo(): ConnectionInfo {
    const k = this.kalshi.server;
    const p = this.polymarket.server;
    return {
      kalshi: {
        restUrl: k.httpUrl(KALSHI_API_BASE),
        wsUrl: k.wsUrl(KALSHI_WS_PATH),
        keyId: SIM_KALSHI_KEY_ID,
        privateKeyPem: SIM_KALSHI_PRIVATE_KEY_PEM,
      },
      polymarket: {
        clobUrl: p.httpUrl(),
        wsUrl: p.wsUrl(POLYMARKET_MARKET_WS_PATH),
        userWsUrl: p.wsUrl(POLYMARKET_USER_WS_PATH),
        dataUrl: p.httpUrl(POLYMARKET_DATA_API_BASE),
        gammaUrl: p.httpUrl(POLYMARKET_GAMMA_API_BASE),
        privateKey: SIM_POLYMARKET_PRIVATE_KEY,
        chainId: SIM_POLYMARKET_CHAIN_ID,
      },
      admin: { kalshi: k.httpUrl(ADMIN_PREFIX), polymarket: p.httpUrl(ADMIN_PREFIX) },
    };
  }

  /** Stop the price process, drop every fault and close both servers with all their connections. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.running?.stop();
      this.injector.dispose();
      await Promise.all([this.kalshi.server.close(), this.polymarket.server.close()]);
    })();
    return this.closing;
  }

  private runtime(venue: Venue, exchange: Exchange, apiBase: string, opts: SimHostOptions): VenueRuntime {
    const info = new Map<string, MarketInfo>();
    for (const m of this.scenario.markets) {
      if (m.venue === venue)
        info.set(m.key, m.tokens ? { title: m.title, tokens: m.tokens } : { title: m.title });
    }
    const presenter = venue === 'kalshi' ? kalshiPresenter(info) : polymarketPresenter(info);
    const server = new SimServer({
      name: venue,
      host: opts.host ?? '127.0.0.1',
      port: (venue === 'kalshi' ? opts.kalshiPort : opts.polymarketPort) ?? 0,
      notFoundMessage: (method, path) =>
        path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)
          ? `no such admin endpoint: ${method} ${path} (GET ${ADMIN_PREFIX} lists them)`
          : `not implemented in the simulator yet: ${method} ${path}`,
      ...(opts.onError ? { onError: opts.onError } : {}),
    });
    server.use(restFaultMiddleware({ injector: this.injector, venue, clock: this.clock, apiBase }));
    mountAdmin(server, {
      venue,
      exchange,
      injector: this.injector,
      clock: this.clock,
      presenter,
      process: this.process,
    });
    const numbered = venue === 'kalshi';
    return {
      venue,
      exchange,
      server,
      presenter,
      apiBase,
      feed: (socket) =>
        new FeedSession({ venue, socket, injector: this.injector, clock: this.clock, numbered }),
    };
  }
}
