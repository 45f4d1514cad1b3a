/**
 * The API credentials every trading call is signed with (L2): as configured, else created from the wallet
 * (L1, `POST /auth/api-key`) or, when the venue refuses because the key exists, derived (`GET
 * /auth/derive-api-key`). Obtained once and shared; a failure is returned and tried again on the next call.
 */
import type { Clock } from '../../../core/clock.ts';
import { ok } from '../../../core/errors.ts';
import type { VenueResult } from '../../venue.ts';
import { checkShape } from '../rest/decode-fields.ts';
import { WireApiKey } from '../rest/schemas.ts';
import type { Decoder, RestTransport } from '../rest/transport.ts';
import { type ApiCreds, type ClientSigner, l1Headers } from './signer.ts';

const decodeApiKey: Decoder<ApiCreds> = (raw) => {
  const r = checkShape(WireApiKey, raw, 'api key');
  return r.ok ? ok({ key: r.value.apiKey, secret: r.value.secret, passphrase: r.value.passphrase }) : r;
};

export class ApiKeys {
  private pending: Promise<VenueResult<ApiCreds>> | undefined;

  constructor(
    private readonly transport: RestTransport,
    private readonly signer: ClientSigner,
    private readonly chainId: number,
    private readonly clock: Clock,
    private readonly given?: ApiCreds,
  ) {}

  /** The credentials, obtained on first use; the transport signs with them from then on. */
  get(): Promise<VenueResult<ApiCreds>> {
    this.pending ??= this.obtain().then((r) => {
      if (r.ok) this.transport.setCredentials(this.signer.account.address, r.value);
      else this.pending = undefined; // try again next time
      return r;
    });
    return this.pending;
  }

  private async obtain(): Promise<VenueResult<ApiCreds>> {
    if (this.given) return ok(this.given);
    const headers = await l1Headers(this.signer, this.chainId, this.clock.now());
    const created = await this.transport.call('POST', '/auth/api-key', decodeApiKey, { headers });
    if (created.ok) return created;
    // The venue refuses to create a key that exists: derive it instead.
    const again = await l1Headers(this.signer, this.chainId, this.clock.now());
    return this.transport.call('GET', '/auth/derive-api-key', decodeApiKey, { headers: again });
  }
}
