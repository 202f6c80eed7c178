// A whole-response cache in front of Next's request handler.
//
// Every page reads SQLite on request (imports must show without a rebuild), so Next renders
// each request from scratch. But a page's bytes depend only on its URL, a few request
// headers and the database's contents: nothing reads cookies, the clock or the user. So
// the server keeps the finished responses, keyed by exactly those inputs, and throws them
// all away whenever the database file changes (a db:setup swap, an import, a checkpoint).
import { statSync } from "node:fs";

// The request headers Next's App Router varies on (its own `Vary`), plus the encoding the
// client accepts, because Next's compression writes different bytes for gzip and identity.
const KEY_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url"];

// Set by Node or meaningless when replayed.
const DROP_ON_REPLAY = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);

function encodingOf(req) {
  const accept = String(req.headers["accept-encoding"] ?? "");
  if (/\bgzip\b/i.test(accept)) return "gzip";
  if (/\bdeflate\b/i.test(accept)) return "deflate";
  return "identity";
}

/** The cache key of a request: URL (path and query, as sent) and the headers it varies on. */
export function cacheKey(req) {
  const parts = [req.url ?? "", encodingOf(req)];
  for (const name of KEY_HEADERS) parts.push(String(req.headers[name] ?? ""));
  return parts.join("\n");
}

/**
 * What identifies the database's current contents without reading it: inode (db:setup
 * renames a new file into place), size and modification time of the file and of its WAL
 * when there is one. A missing file is a version too, so creating it invalidates.
 */
export function fileVersion(file) {
  const parts = [];
  for (const f of [file, `${file}-wal`]) {
    try {
      const st = statSync(f, { bigint: true });
      parts.push(`${st.ino}:${st.size}:${st.mtimeNs}`);
    } catch {
      parts.push("-");
    }
  }
  return parts.join("|");
}

/**
 * @param {object} options
 * @param {() => string} options.version  changes whenever the responses may have changed
 * @param {(pathname: string) => boolean} options.cacheable  which paths are worth keeping
 * @param {number} [options.maxBytes]  total body bytes kept (least recently used go first)
 * @param {number} [options.maxEntryBytes]  larger responses are passed through, not kept
 */
export function createResponseCache({ version, cacheable, maxBytes = 64 * 1024 * 1024, maxEntryBytes = 4 * 1024 * 1024 }) {
  /** Insertion order of a Map is its recency order: a hit deletes and re-inserts. */
  const entries = new Map();
  let bytes = 0;
  let currentVersion = null;
  const stats = { hits: 0, misses: 0, stored: 0, evicted: 0, invalidations: 0 };

  function syncVersion() {
    const v = version();
    if (v !== currentVersion) {
      if (currentVersion !== null && entries.size > 0) stats.invalidations += 1;
      entries.clear();
      bytes = 0;
      currentVersion = v;
    }
    return v;
  }

  function store(key, entry) {
    const old = entries.get(key);
    if (old) {
      bytes -= old.body.length;
      entries.delete(key);
    }
    entries.set(key, entry);
    bytes += entry.body.length;
    stats.stored += 1;
    for (const [k, e] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(k);
      bytes -= e.body.length;
      stats.evicted += 1;
    }
  }

  function replay(req, res, entry) {
    const headers = { ...entry.headers, "x-response-cache": "hit" };
    const etag = entry.headers.etag;
    if (etag && req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag, "x-response-cache": "hit" });
      res.end();
      return;
    }
    headers["content-length"] = String(entry.body.length);
    res.writeHead(entry.status, headers);
    res.end(req.method === "HEAD" ? undefined : entry.body);
  }

  /** Records what Next writes, then keeps it if it is a complete, ordinary 200. */
  function capture(res, key, startVersion) {
    const chunks = [];
    let size = 0;
    let keep = true;
    const collect = (chunk, encoding) => {
      if (!keep || chunk == null || typeof chunk === "function") return;
      const buf = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk);
      size += buf.length;
      if (size > maxEntryBytes) {
        keep = false;
        chunks.length = 0;
      } else chunks.push(buf);
    };
    const { write, end, writeHead } = res;
    // Headers handed to writeHead are not visible to getHeaders(): move them onto the
    // response first so the finished response can be read back whole.
    res.writeHead = function (status, reason, headers) {
      const given = typeof reason === "object" && reason !== null ? reason : headers;
      if (Array.isArray(given)) {
        for (let i = 0; i + 1 < given.length; i += 2) this.setHeader(given[i], given[i + 1]);
      } else if (given) {
        for (const [name, value] of Object.entries(given)) if (value !== undefined) this.setHeader(name, value);
      }
      return typeof reason === "string" ? writeHead.call(this, status, reason) : writeHead.call(this, status);
    };
    res.write = function (chunk, encoding, cb) {
      collect(chunk, encoding);
      return write.call(this, chunk, encoding, cb);
    };
    res.end = function (chunk, encoding, cb) {
      collect(chunk, encoding);
      return end.call(this, chunk, encoding, cb);
    };
    res.on("finish", () => {
      if (!keep || res.statusCode !== 200 || res.getHeader("set-cookie") !== undefined) return;
      // A response rendered while the data changed may mix old and new: not kept.
      if (syncVersion() !== startVersion) return;
      const headers = {};
      for (const [name, value] of Object.entries(res.getHeaders())) {
        if (!DROP_ON_REPLAY.has(name) && value !== undefined) headers[name] = value;
      }
      store(key, { status: res.statusCode, headers, body: Buffer.concat(chunks) });
    });
  }

  /**
   * Serves the request from the cache or hands it to `next`, keeping what it answers.
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => unknown} next
   */
  function handle(req, res, next) {
    const pathname = (req.url ?? "/").split("?")[0] ?? "/";
    if ((req.method !== "GET" && req.method !== "HEAD") || !cacheable(pathname)) return next(req, res);
    const v = syncVersion();
    const key = cacheKey(req);
    const hit = entries.get(key);
    if (hit) {
      entries.delete(key);
      entries.set(key, hit);
      stats.hits += 1;
      replay(req, res, hit);
      return undefined;
    }
    stats.misses += 1;
    res.setHeader("x-response-cache", "miss");
    // HEAD has no body to keep; answer it without filling the cache.
    if (req.method === "GET") capture(res, key, v);
    return next(req, res);
  }

  return {
    handle,
    stats: () => ({ ...stats, entries: entries.size, bytes }),
    clear: () => {
      entries.clear();
      bytes = 0;
    },
  };
}
