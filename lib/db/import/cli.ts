import { importCommand } from "./command";
import { databasePath } from "../paths";

// Test hook for the crash test: pause inside the write transaction once N rows are written
// (new deals are written a chunk at a time, so the count may jump past N), so a test can
// kill the process at a known point. Unset in normal use.
const pauseAt = Number(process.env.PORTFOLIO_IMPORT_PAUSE_AT ?? 0);
let paused = false;

void importCommand(process.argv.slice(2), {
  defaultDb: databasePath(),
  progress: (line) => process.stderr.write(`${line}\n`),
  onRow: (done) => {
    if (pauseAt && done >= pauseAt && !paused) {
      paused = true;
      process.stderr.write("PAUSED\n");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    }
  },
}).then((result) => {
  (result.code === 0 ? console.log : console.error)(result.out);
  process.exit(result.code);
});
