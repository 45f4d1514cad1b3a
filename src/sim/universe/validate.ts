/**
 * Cross-reference checks a schema cannot express: every id a scenario mentions exists, nothing is listed twice,
 * and the probabilities are coherent (an exclusive set sums to 1, a ladder falls as its threshold rises).
 * Elements are passed with their index in the file so every problem carries a dotted path
 * (`markets.3.prop: unknown proposition "x"`). Used by the loader and, on built-in scenarios, by the tests.
 */
import type { Proposition, PropositionGroup, Scenario, ScenarioEvent, ScenarioMarket } from './types.ts';

export interface ScenarioIssue {
  readonly path: string;
  readonly message: string;
}

/** Elements that passed the shape check, each with its index in the file. */
export interface IndexedParts {
  readonly propositions: readonly (readonly [number, Proposition])[];
  readonly groups: readonly (readonly [number, PropositionGroup])[];
  readonly events: readonly (readonly [number, ScenarioEvent])[];
  readonly markets: readonly (readonly [number, ScenarioMarket])[];
}

/** How far a floating sum of probabilities may stray from 1. */
const SUM_TOLERANCE = 1e-9;

export function crossReferenceIssues(parts: IndexedParts): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  const props = new Map<string, Proposition>();
  for (const [i, p] of parts.propositions) {
    if (props.has(p.id)) add(`propositions.${i}.id`, `duplicate proposition "${p.id}"`);
    else props.set(p.id, p);
  }

  const groupIds = new Set<string>();
  const groupOfProp = new Map<string, string>();
  for (const [i, g] of parts.groups) {
    const at = `groups.${i}`;
    if (groupIds.has(g.id)) add(`${at}.id`, `duplicate group "${g.id}"`);
    groupIds.add(g.id);
    g.props.forEach((p, j) => {
      if (!props.has(p)) add(`${at}.props.${j}`, `unknown proposition "${p}"`);
      const other = groupOfProp.get(p);
      // One group per proposition: the truth model draws each group's outcome independently.
      if (other !== undefined) add(`${at}.props.${j}`, `proposition "${p}" is already in group "${other}"`);
      else groupOfProp.set(p, g.id);
    });
    const p0 = g.props.map((p) => props.get(p)?.p0);
    if (p0.some((p) => p === undefined)) continue; // already reported as unknown
    const probabilities = p0 as number[];
    if (g.kind === 'exclusive') {
      const sum = probabilities.reduce((a, b) => a + b, 0);
      if (g.exhaustive && Math.abs(sum - 1) > SUM_TOLERANCE) {
        add(at, `exclusive-exhaustive group's p0 sum to ${round(sum)}, not 1`);
      } else if (!g.exhaustive && sum > 1 + SUM_TOLERANCE) {
        add(at, `exclusive group's p0 sum to ${round(sum)}, more than 1`);
      }
    }
    if (g.kind === 'ladder') {
      if (g.thresholds.length !== g.props.length) {
        add(`${at}.thresholds`, `${g.thresholds.length} thresholds for ${g.props.length} propositions`);
      }
      g.thresholds.forEach((t, j) => {
        const prev = g.thresholds[j - 1];
        if (prev !== undefined && t <= prev)
          add(`${at}.thresholds.${j}`, `thresholds must ascend (${t} after ${prev})`);
      });
      probabilities.forEach((p, j) => {
        const prev = probabilities[j - 1];
        if (prev !== undefined && p >= prev) {
          add(`${at}.props.${j}`, `ladder p0 must fall as the threshold rises (${p} after ${prev})`);
        }
      });
    }
  }

  const markets = new Map<string, { index: number; market: ScenarioMarket }>();
  for (const [i, m] of parts.markets) {
    const at = `markets.${i}`;
    const id = `${m.venue}:${m.key}`;
    if (markets.has(id)) add(`${at}.key`, `duplicate market ${id}`);
    else markets.set(id, { index: i, market: m });
    if (!props.has(m.prop)) add(`${at}.prop`, `unknown proposition "${m.prop}"`);
    if (m.closeTimeMs <= m.openTimeMs) add(`${at}.closeTimeMs`, 'must be after openTimeMs');
    if (m.placeholder === true && m.venue !== 'polymarket')
      add(`${at}.placeholder`, 'only Polymarket has placeholder outcomes');
    if (m.outcomes !== undefined && m.venue !== 'polymarket')
      add(`${at}.outcomes`, 'only Polymarket labels its two outcomes');
    if (m.outcomes !== undefined && m.outcomes[0] === m.outcomes[1])
      add(`${at}.outcomes`, 'the two outcome labels must differ');
  }

  const events = new Set<string>();
  const eventOfMarket = new Map<string, string>();
  for (const [i, e] of parts.events) {
    const at = `events.${i}`;
    const id = `${e.venue}:${e.key}`;
    if (events.has(id)) add(`${at}.key`, `duplicate event ${id}`);
    events.add(id);
    e.markets.forEach((key, j) => {
      const found = markets.get(`${e.venue}:${key}`);
      if (!found) return add(`${at}.markets.${j}`, `unknown ${e.venue} market "${key}"`);
      if (found.market.eventKey !== e.key) {
        add(`${at}.markets.${j}`, `market "${key}" names event "${found.market.eventKey}", not "${e.key}"`);
      }
      const other = eventOfMarket.get(`${e.venue}:${key}`);
      if (other !== undefined)
        add(`${at}.markets.${j}`, `market "${key}" is already listed by event "${other}"`);
      else eventOfMarket.set(`${e.venue}:${key}`, e.key);
    });
  }
  for (const [id, { index, market }] of markets) {
    if (!events.has(`${market.venue}:${market.eventKey}`)) {
      add(`markets.${index}.eventKey`, `unknown ${market.venue} event "${market.eventKey}"`);
    } else if (!eventOfMarket.has(id)) {
      add(`markets.${index}.eventKey`, `event "${market.eventKey}" does not list this market`);
    }
  }
  return issues;
}

/** The same checks on a complete scenario (every element present, indices as in its arrays). */
export function scenarioIssues(s: Scenario): ScenarioIssue[] {
  const indexed = <T>(xs: readonly T[]) => xs.map((x, i) => [i, x] as const);
  return crossReferenceIssues({
    propositions: indexed(s.propositions),
    groups: indexed(s.groups),
    events: indexed(s.events),
    markets: indexed(s.markets),
  });
}

const round = (x: number): string => String(Math.round(x * 1e6) / 1e6);

/** "2 problems" plus one indented `path: message` line each, for the CLI. */
export function formatScenarioIssues(issues: readonly ScenarioIssue[]): string {
  const n = issues.length;
  return [
    `${n === 1 ? '1 problem' : `${n} problems`}:`,
    ...issues.map((i) => `  ${i.path}: ${i.message}`),
  ].join('\n');
}
