import type { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

export declare const TAGS_STORAGE_KEY: unique symbol;
export declare const CACHE_KEY: unique symbol;
export declare const SHARED_CACHE_CONTROL: string;

export interface StoredAnswer {
  status: number;
  headers: [string, string][];
  body: Buffer;
  contentType: string;
  tags: Set<string>;
}

export interface CacheEntry {
  status: number;
  headers: [string, string][];
  body: Buffer;
  gzip: Buffer | null;
  etag: string;
  vary: string;
  tags: Set<string>;
  seq: number;
  storedAt: number;
  size: number;
}

export declare class ResponseCache {
  constructor(opts?: { maxBytes?: number; ttlMs?: number; now?: () => number });
  maxBytes: number;
  ttlMs: number;
  bytes: number;
  stats: { hits: number; misses: number; stored: number; invalidated: number };
  get(key: string): CacheEntry | null;
  begin(): number;
  set(key: string, answer: StoredAnswer, startedSeq: number): boolean;
  delete(key: string): void;
  invalidate(tags: string[]): void;
  clear(): void;
}

export declare function bypassReason(req: IncomingMessage): string | null;
export declare function cacheKeyOf(req: IncomingMessage): string;
type Listener = (req: IncomingMessage, res: ServerResponse) => void;
export declare function handleWithCache(cache: ResponseCache, storage: AsyncLocalStorage<{ tags: Set<string> }>, req: IncomingMessage, res: ServerResponse, next: Listener): void;
export declare function installResponseCache(http: typeof import('node:http'), env?: NodeJS.ProcessEnv): ResponseCache;
