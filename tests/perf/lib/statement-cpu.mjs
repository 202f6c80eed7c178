// node --import /abs/path/tests/perf/lib/statement-cpu.mjs --import tsx lib/db/import/cli.ts FILE --db COPY
//
// CPU (user + system, process.cpuUsage) spent inside better-sqlite3's run, get and all, and
// exec, per distinct SQL text, printed to stderr at exit: the 30 costliest, with how many
// times each ran. With SPLIT_EXEC=1 a multi-statement exec is run (and counted) one statement
// at a time, split on a semicolon at a line's end, unless it holds a trigger. A
// transaction's BEGIN and COMMIT show as their own statements. Used for import12's split of
// db:import in tests/perf/README.md.
import { createRequire } from "node:module";

const Database = createRequire(`${process.cwd()}/`)("better-sqlite3");
const costs = new Map();
const add = (sql, since) => {
  const used = process.cpuUsage(since);
  const key = sql.replace(/\s+/g, " ").trim().slice(0, 150);
  const cost = costs.get(key) ?? { n: 0, us: 0 };
  cost.n++;
  cost.us += used.user + used.system;
  costs.set(key, cost);
};
const { exec, prepare } = Database.prototype;
Database.prototype.exec = function (sql) {
  const parts = process.env.SPLIT_EXEC && !/TRIGGER/i.test(sql) ? sql.split(/;\s*\n/).filter((s) => s.trim()) : [sql];
  for (const part of parts) {
    const since = process.cpuUsage();
    try {
      exec.call(this, part);
    } finally {
      add(`EXEC ${part}`, since);
    }
  }
  return this;
};
let wrapped = false;
Database.prototype.prepare = function (...args) {
  const statement = prepare.apply(this, args);
  if (!wrapped) {
    wrapped = true;
    const proto = Object.getPrototypeOf(statement);
    for (const method of ["run", "get", "all"]) {
      const original = proto[method];
      proto[method] = function (...params) {
        const since = process.cpuUsage();
        try {
          return original.apply(this, params);
        } finally {
          add(this.source, since);
        }
      };
    }
  }
  return statement;
};
process.on("exit", () => {
  let total = 0;
  for (const [, c] of costs) total += c.us;
  process.stderr.write(`SQL total ${(total / 1e6).toFixed(2)} s\n`);
  for (const [sql, c] of [...costs].sort((a, b) => b[1].us - a[1].us).slice(0, 30)) {
    process.stderr.write(`${(c.us / 1e6).toFixed(2).padStart(7)} s ${String(c.n).padStart(7)}x  ${sql}\n`);
  }
});
