/** From the validated config to the engine's settings: one place, so paper and live read the config alike. */
import { asQty } from '../../core/units.ts';
import type { EngineConfig } from '../../exec/index.ts';
import { LANES, type LaneLimits, type LaneName } from '../../hot/index.ts';
import type { Config } from '../config/index.ts';

export function engineConfig(cfg: Config): EngineConfig {
  const lanes = Object.fromEntries(
    LANES.map((l) => {
      const c = cfg.lanes[l];
      const limits: LaneLimits = {
        enabled: c.enabled,
        minEdgeBps: c.minEdgeBps,
        minSize: asQty(Math.round(c.minSizeContracts * 100)),
      };
      return [l, limits];
    }),
  ) as Record<LaneName, LaneLimits>;
  return {
    lanes,
    risk: {
      maxNotionalPerMarket: cfg.risk.maxNotionalPerMarketUsd,
      maxNotionalPerEvent: cfg.risk.maxNotionalPerEventUsd,
      maxOpenPackages: cfg.risk.maxOpenPackages,
      // The lanes' own minimums already filter opportunities; the risk check re-applies the smallest of them
      // to the sized plan, whose edge per dollar can only have shrunk.
      minEdgeBps: Math.min(...LANES.map((l) => cfg.lanes[l].minEdgeBps)),
    },
    minConfidence: cfg.detection.minConfidence,
    kellyMultiplier: cfg.sizing.kellyMultiplier,
    fill: { quoteLifetimeMs: cfg.sizing.quoteLifetimeMs, depthPenalty: cfg.sizing.depthPenalty },
    maxContracts: cfg.detection.maxContracts,
    pollMs: 2_000,
    expectedLatencyMs: cfg.sizing.expectedLatencyMs,
    legging: {
      maxLegGapMs: cfg.risk.maxLegGapMs,
      legPriceTolerancePx: cfg.execution.legPriceToleranceCents * 100,
      // dollar-seconds → micros × ms
      nakedBudgetMicrosMs: cfg.risk.nakedBudgetUsdSeconds * 1_000,
      maxNakedMicros: cfg.risk.maxNakedExposureUsd,
    },
    orderTiming: {
      orderTimeoutMs: cfg.execution.orderTimeoutMs,
      pollMs: cfg.execution.orderPollMs,
      fillWaitMs: cfg.execution.fillWaitMs,
    },
    balanceRefreshMs: cfg.execution.balanceRefreshSeconds * 1_000,
    unknownRetryMs: cfg.execution.unknownRetryMs,
    startup: { ...cfg.startup },
    heartbeat: {
      everyMs: cfg.heartbeat.everyMs,
      policy: {
        venueTimeoutMs: cfg.heartbeat.venueTimeoutMs,
        safetyMarginMs: cfg.heartbeat.safetyMarginMs,
        maxConsecutiveFailures: cfg.heartbeat.maxConsecutiveFailures,
        recoverBeats: cfg.heartbeat.recoverBeats,
      },
    },
  };
}
