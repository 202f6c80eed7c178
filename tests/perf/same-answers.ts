// `npx tsx tests/perf/same-answers.ts BEFORE_URL AFTER_URL PATH...`
//
// Whether a change kept every answer: each path's status and body from two servers (two
// builds on the same database), the HTML compared outside its scripts (the RSC payload and
// Next's bootstrap, which name the build's chunks) and with `/_next/static/…` names made
// alike. Prints "same" or the first difference per path; exits 1 when any differs.
export {};
const [before, after, ...paths] = process.argv.slice(2);
if (!before || !after || paths.length === 0) {
  console.error("usage: npx tsx tests/perf/same-answers.ts BEFORE_URL AFTER_URL PATH...");
  process.exit(2);
}

function comparable(res: Response, body: string): string {
  if (!res.headers.get("content-type")?.includes("html")) return body;
  return body.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "<script></script>").replace(/\/_next\/static\/[^"' )]+/g, "/_next/static/…");
}

async function main() {
  let differ = 0;
  for (const p of paths) {
    const [a, b] = await Promise.all([fetch(new URL(p, before)), fetch(new URL(p, after))]);
    const [ta, tb] = [comparable(a, await a.text()), comparable(b, await b.text())];
    const same = a.status === b.status && ta === tb;
    let where = "";
    if (!same && ta !== tb) {
      let i = 0;
      while (ta[i] === tb[i]) i++;
      where = `, first difference at ${i}: ${JSON.stringify(ta.slice(Math.max(0, i - 60), i + 60))} against ${JSON.stringify(tb.slice(Math.max(0, i - 60), i + 60))}`;
    }
    if (!same) differ++;
    console.log(`${same ? "same" : "DIFFERENT"} ${a.status}/${b.status} ${String(ta.length).padStart(8)} ${p}${where}`);
  }
  console.log(`${paths.length - differ} of ${paths.length} the same`);
  process.exitCode = differ ? 1 : 0;
}
void main();
