import type { IncomingMessage, ServerResponse } from "node:http";

export interface ResponseCacheStats {
  hits: number;
  misses: number;
  stored: number;
  evicted: number;
  invalidations: number;
  entries: number;
  bytes: number;
}

export interface ResponseCache {
  handle(req: IncomingMessage, res: ServerResponse, next: (req: IncomingMessage, res: ServerResponse) => unknown): unknown;
  stats(): ResponseCacheStats;
  clear(): void;
}

export function cacheKey(req: IncomingMessage): string;
export function fileVersion(file: string): string;
export function createResponseCache(options: {
  version: () => string;
  cacheable: (pathname: string) => boolean;
  maxBytes?: number;
  maxEntryBytes?: number;
}): ResponseCache;
