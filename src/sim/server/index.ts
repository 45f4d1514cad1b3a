/** The simulators' HTTP/WebSocket shell: routing, JSON bodies, middleware, upgrades. */
export { compilePathPattern, splitPath, type PathPattern } from './path-pattern.ts';
export { DROP, errorReply, HOLD, json, ok } from './reply.ts';
export { Router, type RouteMatch } from './router.ts';
export {
  SimServer,
  type ServerErrorSink,
  type SimServerOptions,
  type WsHandler,
  type WsRouteOptions,
} from './sim-server.ts';
export type { Handler, HttpMethod, Middleware, Reply, SimRequest } from './types.ts';
