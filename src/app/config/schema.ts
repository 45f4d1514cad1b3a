/**
 * The one config schema. Every object is strict, so a misspelt key is an error instead of a silently ignored
 * setting, and every section has defaults, so an empty file (or none) is a complete paper-mode config.
 */
import { z } from 'zod';
import { contracts, httpUrl, secret, usd, wsUrl } from './fields.ts';

const kalshi = z
  .strictObject({
    enabled: z.boolean().default(true),
    restUrl: httpUrl(),
    wsUrl: wsUrl(),
    keyId: z.string().min(1, 'must not be empty').optional(),
    privateKeyPem: secret(),
    privateKeyPath: z.string().min(1, 'must not be empty').optional(),
    /**
     * The venue's own safety net (issue 16): every order `arb live` sends goes into one Kalshi order group with
     * this many whole contracts matched per rolling 15 s; past it Kalshi itself cancels the group's resting
     * orders and refuses new ones until reset, even if this process is dead. 1–1,000,000 (the venue's range).
     * Default: twice `detection.maxContracts`' default, so two largest packages fit in one window.
     */
    orderGroupContractsLimit: z.int().min(1).max(1_000_000).default(2_000),
  })
  .superRefine((k, ctx) => {
    if (k.privateKeyPem !== undefined && k.privateKeyPath !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['privateKeyPath'],
        message: 'set either privateKeyPem or privateKeyPath, not both',
      });
    }
  });

const polymarket = z.strictObject({
  enabled: z.boolean().default(true),
  clobUrl: httpUrl(),
  wsUrl: wsUrl(),
  userWsUrl: wsUrl(),
  dataUrl: httpUrl(),
  gammaUrl: httpUrl(),
  privateKey: secret(),
  apiKey: secret(),
  apiSecret: secret(),
  apiPassphrase: secret(),
  chainId: z.int().positive().default(137),
});

const risk = z.strictObject({
  maxNotionalPerMarketUsd: usd('100'),
  maxNotionalPerEventUsd: usd('250'),
  dailyLossCapUsd: usd('50'),
  maxNakedExposureUsd: usd('25'),
  maxOpenPackages: z.int().min(0).default(5),
  maxLegGapMs: z.int().positive().default(2000),
  /** Naked exposure a package may carry while legging, in dollar-seconds (exposure × time): past it, abort. */
  nakedBudgetUsdSeconds: usd('50'),
});

const lane = z.strictObject({
  enabled: z.boolean().default(true),
  minEdgeBps: z.int().min(0).max(10_000).default(50),
  minSizeContracts: contracts(1),
});

/** Lane names match the architecture's lanes and the ids the detectors will report. */
export const LANE_NAMES = ['intra_venue', 'cross_venue', 'parity', 'event_tree', 'structural'] as const;
export type LaneName = (typeof LANE_NAMES)[number];

const lanes = z.strictObject({
  intra_venue: lane.prefault({}),
  cross_venue: lane.prefault({}),
  parity: lane.prefault({}),
  event_tree: lane.prefault({}),
  structural: lane.prefault({}),
});

const paths = z.strictObject({
  stateDir: z.string().min(1).default('.arb'),
  mappingFile: z.string().min(1).optional(),
  journalDir: z.string().min(1).default('.arb/journal'),
});

const sim = z.strictObject({
  seed: z.int().default(1),
  scenario: z.string().min(1).default('default'),
});

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const detection = z.strictObject({
  /** Relations below this confidence are reported but never traded. */
  minConfidence: z.number().min(0).max(1).default(0.9),
  /** Largest package one opportunity may propose, in contracts. */
  maxContracts: z.int().positive().default(1_000),
});

const sizing = z.strictObject({
  /** Fraction of full Kelly to bet: full Kelly over-bets when the fill probability is itself an estimate. */
  kellyMultiplier: z.number().gt(0).max(1).default(0.25),
  /** A quote survives t ms with probability exp(−t / quoteLifetimeMs): the fill model's time scale (ms). */
  quoteLifetimeMs: z.int().positive().default(2_000),
  /** Expected time for an order to reach a venue (ms); each leg of a package lands one such latency later. */
  expectedLatencyMs: z.int().min(0).default(150),
  /** How much taking the whole visible depth lowers the chance of getting it (0–1). */
  depthPenalty: z.number().min(0).max(1).default(0.5),
});

const paper = z.strictObject({
  /** Simulated order latency, uniform between the two values (ms). */
  latencyMinMs: z.int().min(0).default(50),
  latencyMaxMs: z.int().min(0).default(250),
  /** Paper cash per venue when the venue itself has none (live data), dollars. */
  startingCashUsd: usd('1000'),
});

const execution = z.strictObject({
  /** How far above its planned price a later leg may be bought, cents (never above what the verifier proves). */
  legPriceToleranceCents: z.int().min(0).max(10).default(1),
  /** An order still working after this long is cancelled (ms). */
  orderTimeoutMs: z.int().positive().default(5_000),
  /** Status polling interval while an order is working (ms). */
  orderPollMs: z.int().positive().default(100),
  /** How long to wait for the fill feed to show an order's fills (ms). */
  fillWaitMs: z.int().min(0).default(2_000),
  /** How often each venue's balance is re-read and stale locked capital released (seconds). */
  balanceRefreshSeconds: z.int().positive().default(60),
  /** How often an order whose outcome is unknown is asked about again while its package waits (ms). */
  unknownRetryMs: z.int().positive().default(1_000),
});

/** Venue heartbeats (Polymarket's dead-man switch) and the gate that stops new orders when they fail (`arb live`). */
const heartbeat = z
  .strictObject({
    /** How often a beat is sent (ms). */
    everyMs: z.int().min(100).default(3_000),
    /** How long the venue waits for a beat before cancelling every open order (ms; Polymarket 10 s). */
    venueTimeoutMs: z.int().positive().default(10_000),
    /** New orders stop when the last acknowledged beat is older than venueTimeoutMs − this (ms). */
    safetyMarginMs: z.int().min(0).default(3_000),
    /** Failed beats in a row that stop new orders at once. */
    maxConsecutiveFailures: z.int().min(1).default(2),
    /** Acknowledged beats in a row needed (then open orders re-checked) before new orders resume. */
    recoverBeats: z.int().min(1).default(2),
  })
  .superRefine((h, ctx) => {
    if (h.everyMs >= h.venueTimeoutMs - h.safetyMarginMs)
      ctx.addIssue({
        code: 'custom',
        path: ['everyMs'],
        message: `must be under venueTimeoutMs − safetyMarginMs (${h.venueTimeoutMs - h.safetyMarginMs} ms), or one late beat stops trading`,
      });
  });

/** Deadlines of the start-up steps (ms): past one, the run stops with an error naming the venue and the step. */
const startup = z.strictObject({
  discoveryMs: z.int().positive().default(300_000),
  balanceMs: z.int().positive().default(15_000),
  heartbeatMs: z.int().positive().default(15_000),
  recoveryMs: z.int().positive().default(120_000),
  subscribeMs: z.int().positive().default(15_000),
  firstBooksMs: z.int().positive().default(30_000),
});

/** The pre-run gates (`arb gates`, and `arb live` before it starts). */
const gates = z.strictObject({
  /** Largest clock difference to a venue's server time allowed (ms; the venues report whole seconds). */
  maxClockSkewMs: z.int().positive().default(2_000),
  /** Deadline of each probe: a venue call, a stream's first snapshot (ms). */
  probeTimeoutMs: z.int().positive().default(10_000),
  /** REST and stream books are compared up to this many times (the books move between the two reads). */
  smokeAttempts: z.int().min(1).default(5),
});

/** Running `arb live` under a supervisor (systemd, a container runtime). */
const supervision = z.strictObject({
  /** Starts without a clean stop in a row that make the next start refuse (crash loop). */
  crashLoopStarts: z.int().min(1).default(5),
  /** …when all of them fall within this many minutes. */
  crashLoopWindowMinutes: z.int().positive().default(10),
  /** On SIGTERM/SIGINT: how long to wait for the package in flight before exiting anyway (ms). */
  stopTimeoutMs: z.int().positive().default(30_000),
});

const log = z.strictObject({
  level: z.enum(LOG_LEVELS).default('info'),
});

// `prefault({})` (not `default({})`): zod 4 returns a default as-is, while a prefault is parsed, which is
// what fills in the inner defaults of an omitted section.
export const ConfigSchema = z.strictObject({
  venues: z
    .strictObject({
      kalshi: kalshi.prefault({}),
      polymarket: polymarket.prefault({}),
    })
    .prefault({}),
  risk: risk.prefault({}),
  lanes: lanes.prefault({}),
  paths: paths.prefault({}),
  sim: sim.prefault({}),
  detection: detection.prefault({}),
  sizing: sizing.prefault({}),
  paper: paper.prefault({}),
  execution: execution.prefault({}),
  heartbeat: heartbeat.prefault({}),
  startup: startup.prefault({}),
  gates: gates.prefault({}),
  supervision: supervision.prefault({}),
  log: log.prefault({}),
});

export type Config = z.output<typeof ConfigSchema>;
export type LaneConfig = Config['lanes'][LaneName];
export type LogLevel = Config['log']['level'];
