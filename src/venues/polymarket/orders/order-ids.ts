/**
 * Client order id ↔ venue order id (the order's hash), as this process derived them. Polymarket orders carry
 * no client order id, so this is the only way back from a venue order to ours; after a restart the hash is
 * derived again from the persisted request (`orderIdFor`).
 */
export class OrderIds {
  private readonly hashByClientId = new Map<string, string>();
  private readonly clientIdByHash = new Map<string, string>();

  remember(clientOrderId: string, hash: string): void {
    this.hashByClientId.set(clientOrderId, hash);
    this.clientIdByHash.set(hash, clientOrderId);
  }

  hashOf(clientOrderId: string): string | undefined {
    return this.hashByClientId.get(clientOrderId);
  }

  clientIdOf(hash: string): string | undefined {
    return this.clientIdByHash.get(hash);
  }
}
