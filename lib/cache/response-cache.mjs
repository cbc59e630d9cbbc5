// The public response cache: whole answers of public pages and public API routes, kept in the
// server process and served without rendering. Next's own cache cannot hold these pages (they read
// the language cookie and search parameters), and rendering costs ~4 ms of CPU a request.
//
// An answer is stored only when its render said what it shows (tags, through the request's
// AsyncLocalStorage: lib/cache/public-tags.ts). A public change names the tags it touches and is
// announced by the committing transaction (NOTIFY, lib/dal/internal/public-change.ts); every
// instance hears it and drops exactly those answers. What is kept here is a copy any instance can
// rebuild; what instances share, the invalidation, travels through the database.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { hashInlineScripts } from './inline-script-csp.mjs';

export const TAGS_STORAGE_KEY = Symbol.for('portal.responseCache.requestTags');
export const CACHE_KEY = Symbol.for('portal.responseCache');

/** What a shared cache (CDN, reverse proxy) may do with a public answer: serve it for about 2 s. */
export const SHARED_CACHE_CONTROL = 'public, max-age=0, s-maxage=1, stale-while-revalidate=1';

const LOCALE_COOKIE = 'locale';
const LOCALES = new Set(['zh', 'en']);
const CACHEABLE_TYPE = /^(text\/html|text\/x-component|application\/json|text\/csv|application\/atom\+xml|application\/feed\+json|application\/xml)/i;
const MAX_BODY_BYTES = 4 * 1024 * 1024;
// Paths whose answers depend on who asks or carry per-visitor secrets (forms with CSRF tokens), and
// the bulk exports, streamed far past what a copy may hold (a second reader must not wait for the first).
const NEVER = /^\/(workspace|signin|password|account|api\/(?!public\/)|api\/public\/bulk\/|_next\/)/;
// Headers that describe one transfer, not the answer.
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'date', 'etag', 'cache-control', 'vary', 'x-cache', 'age']);

function cookieValue(header, name) {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Why a request may not use the cache, or null. A signed-in visitor's pages name them. */
export function bypassReason(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return 'method';
  const h = req.headers;
  if (h['next-action']) return 'action';
  const url = req.url ?? '/';
  if (NEVER.test(url)) return 'path';
  if (/session-token/.test(h.cookie ?? '')) return 'session';
  if (h.authorization) return 'session';
  return null;
}

// A client navigation or prefetch asks for the RSC payload of a page; what it gets depends on these (Next's own Vary).
const RSC_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-url'];

/** Host and forwarding headers are part of the key: a page may build absolute addresses from them (feeds do). */
export function cacheKeyOf(req) {
  const h = req.headers;
  const locale = cookieValue(h.cookie, LOCALE_COOKIE);
  const forwarded = h['x-forwarded-host'] || h['x-forwarded-proto'] ? ` ${h['x-forwarded-proto'] ?? ''}://${h['x-forwarded-host'] ?? ''}` : '';
  const rsc = RSC_HEADERS.some((name) => h[name] !== undefined) ? ` rsc:${RSC_HEADERS.map((name) => h[name] ?? '').join('|')}` : '';
  return `${h.host ?? ''}${forwarded} ${LOCALES.has(locale) ? locale : 'zh'} ${req.url}${rsc}`;
}

export class ResponseCache {
  constructor({ maxBytes = 64 * 1024 * 1024, ttlMs = 300_000, now = () => Date.now() } = {}) {
    this.maxBytes = maxBytes;
    this.ttlMs = ttlMs;
    this.now = now;
    this.entries = new Map();
    this.bytes = 0;
    // A counter, not a clock: an answer rendered before an invalidation of one of its tags is not stored.
    this.seq = 0;
    this.tagSeq = new Map();
    this.clearedSeq = 0;
    this.stats = { hits: 0, misses: 0, stored: 0, invalidated: 0 };
    // Renders under way, by key: a crowd arriving at a cold page waits for one render, not fifty.
    this.inflight = new Map();
  }

  get(key) {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (this.now() - entry.storedAt > this.ttlMs || !this.isCurrent(entry.tags, entry.seq)) {
      this.delete(key);
      return null;
    }
    // Most recently used last, so eviction takes the oldest.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  isCurrent(tags, seq) {
    if (this.clearedSeq > seq) return false;
    for (const tag of tags) if ((this.tagSeq.get(tag) ?? 0) > seq) return false;
    return true;
  }

  /** The counter a render starts at; pass it back to set(). */
  begin() {
    return ++this.seq;
  }

  set(key, { status, headers, body, contentType, tags }, startedSeq) {
    if (!tags.size || body.length > MAX_BODY_BYTES || !this.isCurrent(tags, startedSeq)) return false;
    const isHtml = /^text\/html/i.test(contentType);
    const stored = headers.filter(([k]) => k !== 'vary');
    if (isHtml) {
      const csp = stored.findIndex(([k]) => k === 'content-security-policy');
      if (csp >= 0) stored[csp] = ['content-security-policy', hashInlineScripts(stored[csp][1], body.toString('utf8'))];
    }
    const vary = new Set(['Cookie', 'Accept-Encoding']);
    for (const [k, v] of headers) if (k === 'vary') for (const name of v.split(',')) if (name.trim()) vary.add(name.trim());
    const entry = {
      vary: [...vary].join(', '),
      status,
      headers: stored,
      body,
      gzip: body.length > 1024 ? gzipSync(body) : null,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      tags: new Set(tags),
      seq: startedSeq,
      storedAt: this.now(),
    };
    entry.size = body.length + (entry.gzip?.length ?? 0) + 512;
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.size;
    this.stats.stored++;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
    return true;
  }

  delete(key) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
  }

  /** Drops every answer that showed any of these tags, and any render of them now under way. */
  invalidate(tags) {
    const seq = ++this.seq;
    for (const tag of tags) this.tagSeq.set(tag, seq);
    for (const [key, entry] of this.entries) {
      if (!this.isCurrent(entry.tags, entry.seq)) {
        this.delete(key);
        this.stats.invalidated++;
      }
    }
  }

  /** Everything: for a change that names no tags, or a missed announcement (listener reconnected). */
  clear() {
    this.clearedSeq = ++this.seq;
    this.stats.invalidated += this.entries.size;
    this.entries.clear();
    this.bytes = 0;
  }
}

function serveHit(req, res, entry) {
  const headers = Object.fromEntries(entry.headers);
  headers['cache-control'] = SHARED_CACHE_CONTROL;
  headers.etag = entry.etag;
  headers.vary = entry.vary;
  headers['x-cache'] = 'HIT';
  headers.age = String(Math.floor((Date.now() - entry.storedAt) / 1000));
  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === entry.etag)) {
    res.writeHead(304, { etag: entry.etag, 'cache-control': SHARED_CACHE_CONTROL, vary: entry.vary, 'x-cache': 'HIT' });
    res.end();
    return;
  }
  const gzip = entry.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const body = gzip ? entry.gzip : entry.body;
  if (gzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = String(body.length);
  res.writeHead(entry.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Renders through `next`, keeping a copy of the answer when the render named what it shows. */
function renderAndKeep(cache, storage, key, req, res, next) {
  const startedSeq = cache.begin();
  const store = { tags: new Set() };
  const chunks = [];
  let size = 0;
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  const keep = (chunk, encoding) => {
    if (chunk == null || size > MAX_BODY_BYTES) return;
    const buf = Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk);
    size += buf.length;
    chunks.push(buf);
  };
  res.write = (chunk, encoding, cb) => {
    keep(chunk, encoding);
    return write(chunk, encoding, cb);
  };
  res.end = (chunk, encoding, cb) => {
    if (typeof chunk !== 'function') keep(chunk, encoding);
    return end(chunk, encoding, cb);
  };
  let settle;
  cache.inflight.set(key, new Promise((resolve) => (settle = resolve)));
  const done = (stored) => {
    cache.inflight.delete(key);
    settle(stored ? cache.get(key) : null);
  };
  res.once('close', () => done(false));
  res.once('finish', () => {
    const contentType = String(res.getHeader('content-type') ?? '');
    if (res.statusCode !== 200 || res.getHeader('set-cookie') || !CACHEABLE_TYPE.test(contentType) || size > MAX_BODY_BYTES) return done(false);
    const headers = Object.entries(res.getHeaders())
      .filter(([k]) => k === 'vary' || !HOP_HEADERS.has(k))
      .map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]);
    done(cache.set(key, { status: 200, headers, body: Buffer.concat(chunks), contentType, tags: store.tags }, startedSeq));
  });
  res.setHeader('x-cache', 'MISS');
  // Stored uncompressed; compressed once here for every later reader.
  delete req.headers['accept-encoding'];
  storage.run(store, () => next(req, res));
}

export function handleWithCache(cache, storage, req, res, next) {
  if (bypassReason(req)) return next(req, res);
  const key = cacheKeyOf(req);
  const entry = cache.get(key);
  if (entry) {
    cache.stats.hits++;
    return serveHit(req, res, entry);
  }
  const underWay = cache.inflight.get(key);
  if (underWay) {
    return underWay.then((stored) => {
      if (stored) {
        cache.stats.hits++;
        return serveHit(req, res, stored);
      }
      cache.stats.misses++;
      return next(req, res);
    });
  }
  cache.stats.misses++;
  if (req.method === 'HEAD') return next(req, res);
  return renderAndKeep(cache, storage, key, req, res, next);
}

function settingsFrom(env) {
  const mb = Number(env.RESPONSE_CACHE_MB ?? 64);
  const ttl = Number(env.RESPONSE_CACHE_TTL_S ?? 300);
  return { maxBytes: (Number.isFinite(mb) && mb >= 0 ? mb : 64) * 1024 * 1024, ttlMs: (Number.isFinite(ttl) && ttl >= 0 ? ttl : 300) * 1000 };
}

/**
 * Wraps the request listener of the HTTP server Next creates (it passes its listener to
 * createServer). RESPONSE_CACHE_MB=0 turns the cache off. Idempotent.
 */
export function installResponseCache(http, env = process.env) {
  if (globalThis[CACHE_KEY]) return globalThis[CACHE_KEY];
  const settings = settingsFrom(env);
  const storage = new AsyncLocalStorage();
  const cache = new ResponseCache(settings);
  globalThis[TAGS_STORAGE_KEY] = storage;
  globalThis[CACHE_KEY] = cache;
  if (settings.maxBytes === 0 || settings.ttlMs === 0) return cache;
  const createServer = http.createServer;
  http.createServer = function createServerWithCache(...args) {
    const i = args.findIndex((a) => typeof a === 'function');
    if (i >= 0) {
      const listener = args[i];
      args[i] = (req, res) => handleWithCache(cache, storage, req, res, listener);
    }
    return createServer.apply(this, args);
  };
  return cache;
}
