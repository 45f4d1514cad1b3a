/**
 * The official `kalshi-typescript` API objects for one key, on their own axios instance.
 *
 * Why not `new MarketApi(config)`: every API object adds its signing interceptor to the axios instance it is
 * given, and the default is the process-wide `globalAxios`. With two keys in one process, every request then
 * runs every interceptor and carries whichever signature ran last (the first key's), so a test of "the wrong
 * key is refused" would silently send the right one. One instance per client keeps each key's signer to itself.
 */
import axios from 'axios';
import {
  AccountApi,
  Configuration,
  EventsApi,
  ExchangeApi,
  MarketApi,
  OrderGroupsApi,
  OrdersApi,
  PortfolioApi,
} from 'kalshi-typescript';

export function officialKalshi(opts: { keyId: string; privateKeyPem: string; restUrl: string }) {
  const config = new Configuration({
    apiKey: opts.keyId,
    privateKeyPem: opts.privateKeyPem,
    basePath: opts.restUrl,
  });
  // The SDK is typed against axios's CommonJS declarations, this import against its ESM ones: same runtime object.
  const instance = axios.create() as unknown as NonNullable<ConstructorParameters<typeof MarketApi>[2]>;
  return {
    market: new MarketApi(config, opts.restUrl, instance),
    events: new EventsApi(config, opts.restUrl, instance),
    orders: new OrdersApi(config, opts.restUrl, instance),
    groups: new OrderGroupsApi(config, opts.restUrl, instance),
    portfolio: new PortfolioApi(config, opts.restUrl, instance),
    exchange: new ExchangeApi(config, opts.restUrl, instance),
    account: new AccountApi(config, opts.restUrl, instance),
  };
}
