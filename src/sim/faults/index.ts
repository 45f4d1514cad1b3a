/** Fault injection for the simulators: specs, the injector, REST middleware and the WebSocket feed session. */
export { channelMatches, restEndpoint, type RestEndpointMatcher } from './endpoint.ts';
export {
  type FeedFrame,
  FeedSession,
  type FeedSessionOptions,
  type FrameOutcome,
  type FrameResult,
} from './feed-session.ts';
export {
  type AppliedFault,
  type ExchangeControl,
  FaultInjector,
  type FaultState,
  type FaultStatus,
  type FrameInfo,
  type FramePlan,
  type RestAction,
  type RestPlan,
} from './injector.ts';
export type { PriceProcessControl } from './price-process-control.ts';
export { restFaultMiddleware, type RestFaultOptions } from './rest-middleware.ts';
export {
  categoryOf,
  EXCHANGE_KINDS,
  FAULT_KINDS,
  type FaultCategory,
  type FaultKind,
  type FaultSpec,
  FaultSpecError,
  type FaultSpecInput,
  type FaultSpecOf,
  type FaultVenue,
  formatIssues,
  parseFaultSpec,
  parseFaultSpecs,
  PROCESS_KINDS,
  REST_KINDS,
  type SpecIssue,
  WS_KINDS,
} from './spec.ts';
export { rateLimitBody, serverErrorBody } from './venue-errors.ts';
