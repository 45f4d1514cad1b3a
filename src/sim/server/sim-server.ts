/**
 * One venue's simulated server: HTTP routes with middleware, and WebSocket endpoints routed by path, on one
 * host/port. Venue fronts mount their routes on it; the fault injector plugs in as middleware; the admin API is
 * just more routes. A handler that throws or a malformed body answers with an error and never takes it down.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { BodyTooLarge, parseJsonBody, readBody } from './body.ts';
import { compilePathPattern, type PathPattern } from './path-pattern.ts';
import { Router } from './router.ts';
import type { Handler, Middleware, Reply, SimRequest } from './types.ts';

export type WsHandler = (socket: WebSocket, req: IncomingMessage) => void;

export interface WsRouteOptions {
  /** Checked before the upgrade; a reply refuses it (Kalshi signs the handshake). */
  readonly authorize?: (req: IncomingMessage) => Reply | undefined;
}

/** What gets logged when a handler fails; the server itself never prints. */
export type ServerErrorSink = (message: string, fields: Record<string, unknown>) => void;

export interface SimServerOptions {
  /** For messages and logs ("kalshi"). */
  readonly name: string;
  readonly host?: string;
  /** 0 (the default) picks any free port. */
  readonly port?: number;
  readonly bodyLimitBytes?: number;
  /** Error body for the server's own 400/404/405/413/500 answers; default `{"error": message}`. */
  readonly errorBody?: (status: number, message: string) => unknown;
  /** Message for a path no route matches (HTTP and WebSocket). */
  readonly notFoundMessage?: (method: string, path: string) => string;
  readonly onError?: ServerErrorSink;
}

interface WsRoute {
  readonly pattern: PathPattern;
  readonly handler: WsHandler;
  readonly opts: WsRouteOptions;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

export class SimServer {
  readonly name: string;
  private readonly router = new Router();
  private readonly middleware: Middleware[] = [];
  private readonly wsRoutes: WsRoute[] = [];
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<Socket | Duplex>();
  private readonly bodyLimit: number;
  private readonly errorBody: (status: number, message: string) => unknown;
  private readonly notFoundMessage: (method: string, path: string) => string;
  private listening: AddressInfo | undefined;
  private closing: Promise<void> | undefined;
  private accepted = 0;

  constructor(private readonly opts: SimServerOptions) {
    this.name = opts.name;
    this.bodyLimit = opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
    this.errorBody = opts.errorBody ?? ((_status, message) => ({ error: message }));
    this.notFoundMessage = opts.notFoundMessage ?? ((method, path) => `not found: ${method} ${path}`);
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.http.on('connection', (s: Socket) => {
      this.accepted++;
      this.track(s);
    });
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.onUpgrade(req, socket, head),
    );
    // A client that sends garbage instead of HTTP gets a 400 from Node; make sure the socket goes too.
    this.http.on('clientError', (_e, socket: Duplex) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  /**
   * TCP connections accepted since the server started. Tests use it to prove that requests shared one
   * keep-alive connection, so nothing a request established (an identity, say) can leak to the next.
   */
  get connectionsAccepted(): number {
    return this.accepted;
  }

  // ---- mounting -------------------------------------------------------------------------------------

  route(method: string, pattern: string, handler: Handler): this {
    this.router.add(method, pattern, handler);
    return this;
  }

  get(pattern: string, handler: Handler): this {
    return this.route('GET', pattern, handler);
  }

  post(pattern: string, handler: Handler): this {
    return this.route('POST', pattern, handler);
  }

  delete(pattern: string, handler: Handler): this {
    return this.route('DELETE', pattern, handler);
  }

  /** Middleware runs in the order added, the first one outermost. */
  use(mw: Middleware): this {
    this.middleware.push(mw);
    return this;
  }

  ws(pattern: string, handler: WsHandler, opts: WsRouteOptions = {}): this {
    this.wsRoutes.push({ pattern: compilePathPattern(pattern), handler, opts });
    return this;
  }

  // ---- lifecycle ------------------------------------------------------------------------------------

  async listen(): Promise<void> {
    if (this.listening) return;
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error): void => reject(e);
      this.http.once('error', onError);
      this.http.listen(this.opts.port ?? 0, this.opts.host ?? '127.0.0.1', () => {
        this.http.off('error', onError);
        resolve();
      });
    });
    this.listening = this.http.address() as AddressInfo;
  }

  get host(): string {
    return this.opts.host ?? '127.0.0.1';
  }

  get port(): number {
    if (!this.listening) throw new Error(`${this.name} server is not listening`);
    return this.listening.port;
  }

  /** `http://host:port` + path (IPv6 hosts bracketed). */
  httpUrl(path = ''): string {
    return `http://${urlHost(this.host)}:${this.port}${path}`;
  }

  wsUrl(path = ''): string {
    return `ws://${urlHost(this.host)}:${this.port}${path}`;
  }

  /** Stop listening and close every connection now: held requests, keep-alive sockets and WebSockets. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (!this.listening) return resolve();
      this.http.close(() => resolve());
      for (const ws of this.wss.clients) ws.terminate();
      this.http.closeAllConnections();
      for (const s of this.sockets) s.destroy();
    });
    return this.closing;
  }

  // ---- HTTP -----------------------------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      reply = await this.dispatch(req);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        reply = this.error(413, e.message);
        res.setHeader('Connection', 'close');
      } else {
        this.opts.onError?.('handler failed', {
          server: this.name,
          method: req.method,
          url: req.url,
          err: e,
        });
        reply = this.error(
          500,
          `internal error in the simulator: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    this.write(req, res, reply);
  }

  private async dispatch(raw: IncomingMessage): Promise<Reply> {
    const url = new URL(raw.url ?? '/', 'http://sim.invalid');
    const rawBody = await readBody(raw, this.bodyLimit);
    const method = (raw.method ?? 'GET').toUpperCase();
    const base: SimRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      params: {},
      headers: raw.headers,
      rawBody,
      body: undefined,
      raw,
    };
    const routed = (): Promise<Reply> => this.routeRequest(base);
    const chain = this.middleware.reduceRight<() => Promise<Reply>>(
      (next, mw) => () => mw(base, next),
      routed,
    );
    return chain();
  }

  private async routeRequest(req: SimRequest): Promise<Reply> {
    const m = this.router.match(req.method, req.path);
    if (m.kind === 'not_found') return this.error(404, this.notFoundMessage(req.method, req.path));
    if (m.kind === 'method_not_allowed') {
      const reply = this.error(
        405,
        `method not allowed: ${req.method} ${req.path} (allowed: ${m.allow.join(', ')})`,
      );
      return { ...reply, headers: { Allow: m.allow.join(', ') } } as Reply;
    }
    const parsed = parseJsonBody(req.rawBody);
    if (!parsed.ok) return this.error(400, parsed.message);
    return m.handler({ ...req, params: m.params, body: parsed.value });
  }

  private error(status: number, message: string): Reply {
    return { kind: 'json', status, body: this.errorBody(status, message) };
  }

  private write(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
    // The client may have gone (a timeout fault, an abort) while the handler ran: nothing to answer.
    if (res.destroyed || res.writableEnded) return;
    if (reply.kind === 'hold') return;
    if (reply.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
    if (reply.kind === 'text') {
      if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.statusCode = reply.status;
      res.end(reply.text);
      return;
    }
    res.statusCode = reply.status;
    if (reply.body === undefined) {
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(reply.body));
  }

  // ---- WebSocket ------------------------------------------------------------------------------------

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.track(socket);
    const path = new URL(req.url ?? '/', 'http://sim.invalid').pathname;
    const route = this.wsRoutes.find((r) => r.pattern.match(path) !== undefined);
    const refusal = route
      ? route.opts.authorize?.(req)
      : this.error(404, this.notFoundMessage(req.method ?? 'GET', path));
    if (refusal) {
      refuseUpgrade(socket, refusal);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => route!.handler(ws, req));
  }

  private track(s: Socket | Duplex): void {
    this.sockets.add(s);
    s.once('close', () => this.sockets.delete(s));
  }
}

/** Answer an upgrade request with a plain HTTP response and close the socket. */
function refuseUpgrade(socket: Duplex, reply: Reply): void {
  if (reply.kind === 'drop' || reply.kind === 'hold') {
    socket.destroy();
    return;
  }
  const body =
    reply.kind === 'text' ? reply.text : reply.body === undefined ? '' : JSON.stringify(reply.body);
  const type = reply.kind === 'text' ? 'text/plain; charset=utf-8' : 'application/json';
  const extra = Object.entries(reply.headers ?? {}).map(([k, v]) => `${k}: ${v}\r\n`);
  socket.end(
    `HTTP/1.1 ${reply.status} ${statusText(reply.status)}\r\nContent-Type: ${type}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n${extra.join('')}Connection: close\r\n\r\n${body}`,
  );
}

const statusText = (status: number): string =>
  ({ 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' })[status] ?? 'Error';

const urlHost = (host: string): string => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
