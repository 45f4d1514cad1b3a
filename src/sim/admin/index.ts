/** The simulators' admin API (`/_sim`) and the per-venue presenters it speaks through. */
export { kalshiPresenter } from './present-kalshi.ts';
export { polymarketPresenter } from './present-polymarket.ts';
export { type MarketInfo, type MarketState, type Presented, usd, type VenuePresenter } from './presenter.ts';
export { ADMIN_PREFIX, type AdminContext, mountAdmin, presentFault, type ProcessHandle } from './routes.ts';
