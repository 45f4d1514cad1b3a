/**
 * TEST-ONLY credentials the simulators accept. They are public (committed, printed in docs) and worthless:
 * never use them against a real venue, and never put a real key here. A real Kalshi or Polymarket key pointed
 * at the simulator would not be accepted anyway; the simulators only know these.
 */

/** Kalshi API key id the simulator expects in `KALSHI-ACCESS-KEY`. */
export const SIM_KALSHI_KEY_ID = 'sim-kalshi-key';

/** RSA-2048 private key (PKCS#1 PEM, the format Kalshi hands out), generated once with node:crypto. TEST ONLY. */
export const SIM_KALSHI_PRIVATE_KEY_PEM = `-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAmXLaTlzmonZo3aeKA1ejZCPN/ejuv6e/WH32lisjsv6ydIEu
vQOpYy7nFUe16HGL1uezjAEw8pYoA7hxIBtQCNsWTgpTuWRRYgmb3A4nj/5ENusq
A0yPgQJL4AevhYda1YgTkAdCX/J9yJKJR8WWpIGx+QK0a47EMZ6rhyqkYwMI/jZR
RdGgwqu3aKlt24PrLvtzd3k1K+gx2BKTmKlkKZqNqKliASdIBvgee/yCglmLcH9C
NY7b0IV7J5l3YgkTQNIa6RCkeZJHDw2VPOQOh1PrZcAOv60/BIZ+9LDgPeKhqC0v
qqBjXE838s8TvNBcK6R75RkgBY5ehVgg7ALE7wIDAQABAoIBAA9L4LExF5iYXynB
WsOsh9AitZUbFDmsuilTHTKpCDz+oMF2YzdaVxdZBJYdeOe78emxXTeWos974m9E
gpplvpuzY0zSQLhZZLd2J8BO9OiouxoSZTTA/AkrNm8VtQyFiquAjhqsbpRr8tf8
q4ypCLRLbXdaKqwSJkKgA49M0+g+rLHmKvgyg3Pkza8uDxExzOlCOIfjN84MLfWW
FqAl++43tCADkUq3kWIUuMMHXS6p7jdggjSNGQZ3ssRIvoknOkCZ/ImbzSzkvSQh
WosSwiKjcLxIh1XaDzqPUsTfyvec+Gu5Uf4XkGuGI8KzSD2rqWChZdlbilNd6Nkn
b8TG8RECgYEAxrHVHCTZS4RKe8ugaUXEvJtjk1WNKTrg27+rCVomWhiovwjGEY1t
4G+XrU3b3H3vBsY8OUqwMPVPpc9CWtR094XblrByKcv6mZMfAF9NbxJNBum2EUxy
igevEtcjd363nDXjNvNr6NUwcfKCoRPqWAnHqEkHy25SqGTH1/drdnkCgYEAxbRi
RUxUZNLYI4PPSajL1bN8N/uHqj3BO51wHQZBrK3Hq0pHgAMmOCa2vDD7sCpN4NFX
O1jaI3KYalRm1QEHYG30KO82BMfFmhei7UBxJzhORi9rseKeZGXMW+yMW3xv8pIo
NGEXni7uNhQV8WNZBjKai3p4ZrK7fMvLOSe9XKcCgYBH5uqbuKn5rfHWQqXV8q1z
IzgxhPAET443d3DJfZoLWIkYOHCUwX1Vjoxw5o/9hoUNCoeYo/KGhP9BnXMBs4hw
WjxQl6F4hpw1HwxE8jfvTcwaCFEeiW+Zi5ZLVxc6ktyW5tlGdWhDZYKWeY/UAoT3
PvLFb0gm0dGPpoi7GooE4QKBgQCc/1jGZQ3jnteKpGJYwRVVF5n+Lt0V4MJxH93m
/o/qm3mi2XKcAmQ4VO3p1hAYXg/IBxV5iF55pcfJMEsUvSNpfQdV9lf0RdvyOPDl
7LWuinUGISQpd6eGXJyDJv5yrAeOHmiU58FEmUoLYbnnHZiVZlv5hQDVtPtT59Xz
Bk7GowKBgGMmgX2redzTuuaZne2eiQ2FgCqvqHOuQb4Wopd1I0kaaoAVytUY+92J
pAL4DMGz+IHj4NfrRESacTumhrtfzUbVKSREI7crOdvAI1bb2a59IwH2aKMSlwNG
BI2EqPZuA3SPXfd/h5oiQ4iOsjTSDp+miLALNl5xPJ90V0B1DZZM
-----END RSA PRIVATE KEY-----
`;

/** Its public half (SPKI PEM), which the Kalshi front verifies RSA-PSS signatures with. */
export const SIM_KALSHI_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmXLaTlzmonZo3aeKA1ej
ZCPN/ejuv6e/WH32lisjsv6ydIEuvQOpYy7nFUe16HGL1uezjAEw8pYoA7hxIBtQ
CNsWTgpTuWRRYgmb3A4nj/5ENusqA0yPgQJL4AevhYda1YgTkAdCX/J9yJKJR8WW
pIGx+QK0a47EMZ6rhyqkYwMI/jZRRdGgwqu3aKlt24PrLvtzd3k1K+gx2BKTmKlk
KZqNqKliASdIBvgee/yCglmLcH9CNY7b0IV7J5l3YgkTQNIa6RCkeZJHDw2VPOQO
h1PrZcAOv60/BIZ+9LDgPeKhqC0vqqBjXE838s8TvNBcK6R75RkgBY5ehVgg7ALE
7wIDAQAB
-----END PUBLIC KEY-----
`;

/** Hardhat's well-known account #0: a famous test key, never funded on Polygon. TEST ONLY. */
export const SIM_POLYMARKET_PRIVATE_KEY =
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

/** The address of that key (EIP-55 checksummed). */
export const SIM_POLYMARKET_ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

/** Polygon mainnet's chain id, which the official client signs with. */
export const SIM_POLYMARKET_CHAIN_ID = 137;
