import { createHash, createHmac } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hmacSha256, hmacSha256Hex, sha256Hex } from '@/lib/domain/sha256';

describe('sha256Hex', () => {
  it('matches the standard test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
    expect(sha256Hex('阳泉')).toBe('771589700b3c86f2f46d7390f96537b455bff261872cb002f656aeedce9b3cb4');
    // Lengths around the 55/56/64-byte padding boundaries.
    for (const len of [55, 56, 63, 64, 65, 119, 120]) expect(sha256Hex('x'.repeat(len))).toMatch(/^[0-9a-f]{64}$/);
  });

  // node:crypto is the independent oracle here: the server hashes with sha256Hex, so the digests it
  // stored before (with node:crypto) and the ones a browser computes must be the same.
  it('agrees with node:crypto on text and bytes of every length around the block size', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let len = 0; len <= 300; len++) {
      const bytes = Uint8Array.from({ length: len }, () => next() & 0xff);
      expect(sha256Hex(bytes), `bytes ${len}`).toBe(createHash('sha256').update(bytes).digest('hex'));
      const text = Array.from({ length: len % 40 }, () => String.fromCodePoint([0x41, 0xe9, 0x6c34, 0x1f600][next() % 4]!)).join('');
      expect(sha256Hex(text), `text ${len}`).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 0x5a);
    expect(sha256Hex(big)).toBe(createHash('sha256').update(big).digest('hex'));
  });
});

describe('hmacSha256', () => {
  it('matches RFC 4231 and node:crypto for short, block-sized and long keys', () => {
    // RFC 4231 test case 2.
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    for (const keyLength of [0, 1, 32, 63, 64, 65, 131]) {
      const key = new Uint8Array(keyLength).map((_, i) => (i * 7 + 3) & 255);
      for (const data of ['', 'citizen-link\0label', 'x'.repeat(200)]) {
        expect(Buffer.from(hmacSha256(key, data)).toString('hex'), `key ${keyLength}`).toBe(createHmac('sha256', key).update(data).digest('hex'));
      }
    }
  });
});

describe('one SHA-256 in the codebase', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const sourceFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return sourceFiles(full);
      return /\.(ts|tsx|mts|mjs|js)$/.test(name) ? [full] : [];
    });

  it('application code hashes only through lib/domain/sha256', () => {
    const offenders: string[] = [];
    for (const top of ['app', 'components', 'lib', 'db', 'proxy.ts']) {
      const full = path.join(root, top);
      const files = statSync(full, { throwIfNoEntry: false })?.isDirectory() ? sourceFiles(full) : statSync(full, { throwIfNoEntry: false }) ? [full] : [];
      for (const file of files) {
        const rel = path.relative(root, file);
        if (rel === path.join('lib', 'domain', 'sha256.ts')) continue;
        // The build fingerprint hashes source files in a plain Node script, outside the application.
        if (rel === path.join('lib', 'cli', 'build.mjs')) continue;
        // The response cache is preloaded into the server process by plain Node, before and outside the
        // TypeScript build; it hashes the bytes of answers (ETag) and of inline scripts (their CSP source).
        if (rel === path.join('lib', 'cache', 'response-cache.mjs') || rel === path.join('lib', 'cache', 'inline-script-csp.mjs')) continue;
        // The evidence bundle's verify.mjs runs on an auditor's machine with Node alone: it hashes with node:crypto.
        if (rel === path.join('lib', 'audit', 'evidence', 'verify-script.ts')) continue;
        const source = readFileSync(file, 'utf8');
        // node:crypto's hashes, WebCrypto's digest, or a copy of the algorithm (its first round constant).
        if (/createHash\s*\(|createHmac\s*\(|subtle\s*\.\s*digest|0x428a2f98/i.test(source)) offenders.push(rel);
      }
    }
    expect(offenders).toEqual([]);
  });
});
