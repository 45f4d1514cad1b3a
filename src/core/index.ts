/** The pure domain core: units, fees, markets, portfolios and the verifier, clock, randomness, ISO time. */
export * from './errors.ts';
export * from './units.ts';
export * from './fees.ts';
export * from './market.ts';
export * from './portfolio.ts';
export * from './clock.ts';
export * from './rng.ts';
export * from './hash.ts';
export * from './time.ts';
