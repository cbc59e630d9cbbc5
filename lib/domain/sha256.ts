/**
 * SHA-256 (FIPS 180-4): the one implementation of the codebase.
 *
 * Pure TypeScript and synchronous, so that a citizen's browser computes an allocation's inputs
 * hash (lib/domain/formula) with the very code the server used when it recorded that hash: the
 * browser's WebCrypto digest is asynchronous and node:crypto does not exist there. The server
 * uses this module too, for every hash it keeps (audit chain, documents, publications, imports,
 * idempotency keys, set-password tokens), so that one implementation, checked against the
 * standard vectors and against node:crypto in tests/unit/sha256.test.ts, is the only one.
 */
// Int32 throughout: V8 keeps 32-bit integers unboxed, where uint32 results (>>> 0) above 2^31
// become doubles and make the hash several times slower.
const K256 = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

function utf8(text: string): Uint8Array {
  if (typeof TextEncoder !== 'undefined') return new TextEncoder().encode(text);
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(bytes);
}

/** Runs the compression function over the 64-byte blocks of bytes[from, to) into H. */
function compress(H: Int32Array, W: Int32Array, bytes: Uint8Array, from: number, to: number): void {
  let h0 = H[0] as number;
  let h1 = H[1] as number;
  let h2 = H[2] as number;
  let h3 = H[3] as number;
  let h4 = H[4] as number;
  let h5 = H[5] as number;
  let h6 = H[6] as number;
  let h7 = H[7] as number;
  for (let off = from; off < to; off += 64) {
    for (let t = 0; t < 16; t++) {
      const o = off + t * 4;
      W[t] = ((bytes[o] as number) << 24) | ((bytes[o + 1] as number) << 16) | ((bytes[o + 2] as number) << 8) | (bytes[o + 3] as number);
    }
    for (let t = 16; t < 64; t++) {
      const w15 = W[t - 15] as number;
      const w2 = W[t - 2] as number;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      W[t] = ((W[t - 16] as number) + s0 + (W[t - 7] as number) + s1) | 0;
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let h = h7;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + (K256[t] as number) + (W[t] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  H[0] = h0;
  H[1] = h1;
  H[2] = h2;
  H[3] = h3;
  H[4] = h4;
  H[5] = h5;
  H[6] = h6;
  H[7] = h7;
}

/** SHA-256 of a string (UTF-8) or bytes, as 64 lowercase hex digits. */
export function sha256Hex(data: string | Uint8Array): string {
  const msg = typeof data === 'string' ? utf8(data) : data;
  const H = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const W = new Int32Array(64);
  // Whole blocks straight from the message; the rest, the 0x80 byte and the bit length padded
  // into one or two more blocks.
  const whole = msg.length - (msg.length % 64);
  compress(H, W, msg, 0, whole);
  const tail = new Uint8Array(msg.length - whole + 8 < 64 ? 64 : 128);
  tail.set(msg.subarray(whole));
  tail[msg.length - whole] = 0x80;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(msg.length / 0x20000000)); // high 32 bits of length · 8
  view.setUint32(tail.length - 4, (msg.length * 8) >>> 0);
  compress(H, W, tail, 0, tail.length);
  let hex = '';
  for (let t = 0; t < 8; t++) hex += ((H[t] as number) >>> 0).toString(16).padStart(8, '0');
  return hex;
}

const hexBytes = (hex: string) => Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16));

/** HMAC-SHA-256 (RFC 2104) of `data` under `key`, as bytes: keyed hashes for links and contacts. */
export function hmacSha256(key: string | Uint8Array, data: string | Uint8Array): Uint8Array {
  let k = typeof key === 'string' ? utf8(key) : key;
  if (k.length > 64) k = hexBytes(sha256Hex(k));
  const inner = new Uint8Array(64);
  const outer = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    inner[i] = (k[i] ?? 0) ^ 0x36;
    outer[i] = (k[i] ?? 0) ^ 0x5c;
  }
  const msg = typeof data === 'string' ? utf8(data) : data;
  const innerInput = new Uint8Array(64 + msg.length);
  innerInput.set(inner);
  innerInput.set(msg, 64);
  const outerInput = new Uint8Array(96);
  outerInput.set(outer);
  outerInput.set(hexBytes(sha256Hex(innerInput)), 64);
  return hexBytes(sha256Hex(outerInput));
}

/** HMAC-SHA-256 as 64 lowercase hex digits. */
export function hmacSha256Hex(key: string | Uint8Array, data: string | Uint8Array): string {
  return Array.from(hmacSha256(key, data), (b) => b.toString(16).padStart(2, '0')).join('');
}
