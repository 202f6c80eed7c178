// NODE_OPTIONS="--import /abs/path/tests/perf/lib/log-statements.mjs" LOG_STATEMENTS=FILE <command>
//
// Appends every distinct statement better-sqlite3 prepares or execs in that process (a
// `next start`, db:import, db:synth) to FILE, one JSON line each: its SQL and its EXPLAIN
// QUERY PLAN, taken at its first run on the same connection with the same parameters, so
// the import's temporary tables are there to plan against. tests/perf/index-use.ts reads FILE and says which index serves
// which statement. A multi-statement `exec` is split on semicolons unless it holds a trigger
// body (run as it is, not logged); what cannot be explained (DDL, PRAGMA) is logged with a null plan.
import { appendFileSync } from "node:fs";
import { createRequire } from "node:module";

const file = process.env.LOG_STATEMENTS;
if (file) {
  const Database = createRequire(`${process.cwd()}/`)("better-sqlite3");
  const { prepare, exec } = Database.prototype;
  const seen = new Set();
  let explaining = false;
  const log = (db, sql, via, args = []) => {
    const text = sql.trim();
    if (!text || seen.has(text)) return;
    seen.add(text);
    let plan = null;
    if (!/^(PRAGMA|EXPLAIN|CREATE|DROP|ALTER|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|ANALYZE|VACUUM)\b/i.test(text)) {
      explaining = true;
      try {
        plan = prepare.call(db, `EXPLAIN QUERY PLAN ${text}`).all(...args).map((r) => r.detail);
      } catch (e) {
        plan = null;
        appendFileSync(file, `${JSON.stringify({ via: "error", sql: text, plan: [String(e)] })}\n`);
      } finally {
        explaining = false;
      }
    }
    appendFileSync(file, `${JSON.stringify({ via, sql: text, plan })}\n`);
  };
  // Explained at its first run, with the values it runs with: EXPLAIN needs every parameter bound.
  Database.prototype.prepare = function (sql, ...rest) {
    const stmt = prepare.call(this, sql, ...rest);
    if (explaining || seen.has(sql.trim())) return stmt;
    for (const method of ["all", "get", "run", "iterate"]) {
      const original = stmt[method];
      stmt[method] = function (...args) {
        log(stmt.database, sql, "prepare", args);
        return original.apply(stmt, args);
      };
    }
    return stmt;
  };
  Database.prototype.exec = function (sql) {
    // Part by part, each explained just before it runs, so a statement reading a table the
    // part before it creates is planned against that table.
    if (/\bBEGIN\b[\s\S]*\bEND\b/i.test(sql)) return exec.call(this, sql);
    for (const part of sql.split(";")) {
      log(this, part, "exec");
      if (part.trim()) exec.call(this, part);
    }
    return this;
  };
}
