/**
 * The contract with `@polymarket/clob-client-v2`'s internal order builder (auth/order-builder.ts): the exact
 * version is pinned and installed, the internal export is where that version has it, and it signs V2 orders with
 * *our* salt and timestamp, hashed and signed as the reference's EIP-712 struct says (P3). If an upgrade moves
 * the internal, these fail naming the package, the version and the missing export.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hashTypedData, recoverTypedDataAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { SIM_POLYMARKET_PRIVATE_KEY } from '../../../../src/sim/credentials.ts';
import {
  CLOB_CLIENT_PACKAGE,
  CLOB_CLIENT_VERSION,
  installedClientVersion,
  loadOrderBuilder,
  ORDER_BUILDER_LOCATION,
  signOrderV2,
  walletSigner,
} from '../../../../src/venues/polymarket/index.ts';

/** The V2 order struct and exchanges from the reference (P3), written here, not read from the client. */
const ORDER_V2 = [
  { name: 'salt', type: 'uint256' },
  { name: 'maker', type: 'address' },
  { name: 'signer', type: 'address' },
  { name: 'tokenId', type: 'uint256' },
  { name: 'makerAmount', type: 'uint256' },
  { name: 'takerAmount', type: 'uint256' },
  { name: 'side', type: 'uint8' },
  { name: 'signatureType', type: 'uint8' },
  { name: 'timestamp', type: 'uint256' },
  { name: 'metadata', type: 'bytes32' },
  { name: 'builder', type: 'bytes32' },
] as const;
const EXCHANGE_V2: `0x${string}` = '0xE111180000d2663C0091e4f400237545B87B996B';
const NEG_RISK_EXCHANGE_V2: `0x${string}` = '0xe2222d279d744050d28e00520010520000310F59';
const ZERO32 = `0x${'0'.repeat(64)}` as const;
const TOKEN = '71321045679252212594626385532706912750332728571942532289631379312455583992563';

describe(`the ${CLOB_CLIENT_PACKAGE} order builder contract`, () => {
  it('package.json pins the exact version this adapter was written against, and it is the one installed', () => {
    const pkg = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../../../package.json'), 'utf8'),
    ) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies[CLOB_CLIENT_PACKAGE], `${CLOB_CLIENT_PACKAGE} must be pinned exactly`).toBe(
      CLOB_CLIENT_VERSION,
    );
    expect(installedClientVersion(), `installed ${CLOB_CLIENT_PACKAGE}`).toBe(CLOB_CLIENT_VERSION);
  });

  it(`finds ${ORDER_BUILDER_LOCATION.exportName} in dist/${ORDER_BUILDER_LOCATION.file} with the methods we call`, () => {
    // On failure the thrown message names the package, both versions, the file and the export.
    const Builder = loadOrderBuilder();
    expect(typeof Builder).toBe('function');
  });

  it.each([
    ['the exchange', false, EXCHANGE_V2],
    ['the negRisk exchange', true, NEG_RISK_EXCHANGE_V2],
  ])(
    'signs for %s with our salt and timestamp: the V2 EIP-712 hash, signed by our wallet',
    async (_w, negRisk, exchange) => {
      const wallet = walletSigner(SIM_POLYMARKET_PRIVATE_KEY);
      const maker = wallet.account.address;
      const fields = {
        maker,
        tokenId: TOKEN,
        makerAmount: '3000000',
        takerAmount: '10000000',
        side: 'BUY' as const,
        timestamp: '1767225600000',
        expiration: '0',
      };
      const { signed, hash } = await signOrderV2(wallet, 137, negRisk, '281474976710655', fields);
      expect(signed).toMatchObject({
        ...fields,
        salt: '281474976710655',
        signer: maker,
        signatureType: 0,
        metadata: ZERO32,
        builder: ZERO32,
      });
      const typed = {
        domain: { name: 'Polymarket CTF Exchange', version: '2', chainId: 137, verifyingContract: exchange },
        types: { Order: ORDER_V2 },
        primaryType: 'Order',
        message: {
          salt: 281474976710655n,
          maker,
          signer: maker,
          tokenId: BigInt(TOKEN),
          makerAmount: 3_000_000n,
          takerAmount: 10_000_000n,
          side: 0,
          signatureType: 0,
          timestamp: 1_767_225_600_000n,
          metadata: ZERO32,
          builder: ZERO32,
        },
      } as const;
      expect(hash).toBe(hashTypedData(typed));
      expect(await recoverTypedDataAddress({ ...typed, signature: signed.signature as `0x${string}` })).toBe(
        maker,
      );
    },
  );

  it('a moved internal fails loudly: package, installed and expected version, file and export named', () => {
    expect(() => loadOrderBuilder({ ...ORDER_BUILDER_LOCATION, file: 'order-utils/moved.cjs' })).toThrow(
      new RegExp(
        `^@polymarket/clob-client-v2@${CLOB_CLIENT_VERSION} \\(expected ${CLOB_CLIENT_VERSION}\\): ` +
          'cannot load dist/order-utils/moved\\.cjs .*internal export ExchangeOrderBuilderV2 of dist/order-utils/moved\\.cjs',
      ),
    );
    expect(() =>
      loadOrderBuilder({ ...ORDER_BUILDER_LOCATION, exportName: 'ExchangeOrderBuilderV9' }),
    ).toThrow(
      `@polymarket/clob-client-v2@${CLOB_CLIENT_VERSION} (expected ${CLOB_CLIENT_VERSION}): ` +
        `dist/${ORDER_BUILDER_LOCATION.file} has no export ExchangeOrderBuilderV9`,
    );
  });
});
