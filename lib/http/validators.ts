import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { openReader, readDataVersion } from "@/lib/db/connection";
import { databasePath } from "@/lib/db/paths";

/**
 * HTTP validators for everything the app renders from the database.
 *
 * A page, an API answer or a download is a function of the build, the data, its URL and a
 * few request headers (nothing here reads cookies, the clock or the user). So a hash of
 * exactly those is a validator that every process and every machine with the same build
 * and the same database file compute alike, known before rendering: proxy.ts answers a
 * matching If-None-Match with 304 without rendering, and a browser, nginx or a CDN can
 * keep a copy and revalidate it.
 */

/** Answered with the build-and-data key only, for a proxy's cache key: by instrumentation.ts before Next (plain GET and HEAD), by proxy.ts otherwise. */
export const DATA_VERSION_PATH = "/_data-version";

/**
 * The request headers an answer given here differs by: the encoding Next compresses for,
 * and `next-url` (Next adds it to Vary when a route intercepts). The App Router's own
 * headers (`rsc`, `next-router-*`) never reach here (proxy.ts's matcher), but caches must
 * still keep their answers apart: `Vary` lists them as Next does.
 */
const VARYING = ["accept-encoding", "next-url"];
/**
 * What a 304 repeats of the 200's Vary. On a 200 Next writes the router headers itself
 * (and appends them again on a route handler's), so proxy.ts adds only Accept-Encoding
 * there: nginx does not store an answer whose Vary is longer than 128 bytes.
 */
export const VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding";

/**
 * Headers that make Next answer something other than the page and that no cache varies
 * on: `x-middleware-prefetch` gets `{}` (Next's Pages-era prefetch bail-out), and
 * `x-middleware-subrequest` is Next's internal recursion marker. Their answers are never
 * shared, so no later visitor can be given them.
 */
const PRIVATE_REQUEST_HEADERS = ["x-middleware-prefetch", "x-middleware-subrequest"];

/** Store, but ask the origin every time: a data change shows on the very next request. */
export const CACHE_CONTROL = "public, max-age=0, must-revalidate";

export function noStore(): Record<string, string> {
  return { "Cache-Control": "private, no-cache, no-store, max-age=0, must-revalidate" };
}

let buildId: string | null | undefined;
function currentBuildId(): string | null {
  if (buildId === undefined) {
    try {
      // `next start` and the standalone server both run with the build's folder in cwd.
      buildId = readFileSync(path.join(/*turbopackIgnore: true*/ process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
    } catch {
      buildId = null;
    }
  }
  return buildId;
}

let reader: { file: string; sqlite: Database.Database } | null = null;
function currentDataVersion(): string | null {
  const file = databasePath();
  try {
    if (!reader || reader.file !== file) {
      reader?.sqlite.close();
      reader = { file, sqlite: openReader(file) };
    }
    return readDataVersion(reader.sqlite);
  } catch {
    // No database yet, or one without a version: no validator, and pages say what to do.
    return null;
  }
}

export interface Validator {
  /** Build and data: what a proxy may put in its cache key. */
  dataKey: string;
  etag: string;
}

const hash = (parts: string[]) => createHash("sha256").update(parts.join("\0")).digest("base64url").slice(0, 27);

/** The validator of a request's answer, or null when it must not be cached (dev server, odd headers, no data). */
export function dataValidator(url: URL, headers: Headers): Validator | null {
  if (process.env.NODE_ENV !== "production") return null;
  if (PRIVATE_REQUEST_HEADERS.some((h) => headers.has(h))) return null;
  const build = currentBuildId();
  const data = currentDataVersion();
  if (!build || !data) return null;
  const dataKey = hash([build, data]);
  // Weak: the hash stands for the inputs, not the bytes (compression may chunk differently).
  // Today's date (UTC) is an input too: the header's date control offers days up to today
  // and an asof in the future is refused, so a page's bytes can change at midnight.
  const today = new Date().toISOString().slice(0, 10);
  const etag = `W/"${hash([dataKey, today, url.pathname, url.search, ...VARYING.map((h) => headers.get(h) ?? "")])}"`;
  return { dataKey, etag };
}

/** Headers of an answer that any cache may store and must revalidate (a 304's, or a 200's before Next adds its Vary). */
export function sharedCacheHeaders(v: Validator, status: 200 | 304): Record<string, string> {
  return { ETag: v.etag, "Cache-Control": CACHE_CONTROL, Vary: status === 304 ? VARY : "Accept-Encoding" };
}

/** If-None-Match against our ETag, with the weak comparison RFC 9110 asks for. */
export function preconditionMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, "");
  const ours = opaque(etag);
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || opaque(t) === ours);
}

/** A path whose percent-encoding does not decode (`/companies/%zz`): no route can read it. */
export function isMalformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
