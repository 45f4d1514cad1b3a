/**
 * A stable 64-bit string hash (two FNV-1a lanes with different offsets), for ids that must be the same on
 * every run and every machine: opportunity ids, client order ids. Not cryptographic; collisions over a
 * session's few million ids are negligible at 64 bits. Pure: core may not import node:crypto.
 */
export function stableHash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
    b = (b ^ (b >>> 13)) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
