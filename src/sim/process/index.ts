/** The simulated market's motion: latent truth, market makers, noise traders and news. */
export { PriceProcess, type PriceProcessContext } from './price-process.ts';
export { LatentWorld } from './latent.ts';
export type { ShockRecord } from './types.ts';
