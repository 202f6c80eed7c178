// `npx tsx tests/perf/rsc-payload.ts http://127.0.0.1:PORT [path ...]`
//
// How much React Server Components payload each page inlines in its HTML: the bytes of the
// `self.__next_f.push(...)` scripts a browser must parse and hydrate from, beside the page's
// total HTML; and how many streamed Suspense boundaries the HTML holds in a hidden element
// (`<div hidden id="S:n">`), content that only a script reveals. Prints a table.
const DEFAULT_PATHS = [
  "/",
  "/portfolio",
  "/portfolio?layer=application&status=active",
  "/companies/unitree",
  "/capex",
  "/deals",
  "/deals?kind=equity-investment",
  "/sources",
];

const [base, ...rest] = process.argv.slice(2);
if (!base || !/^https?:\/\//.test(base)) {
  console.error("usage: npx tsx tests/perf/rsc-payload.ts http://127.0.0.1:PORT [path ...]");
  process.exit(2);
}
const kb = (n: number) => (n / 1000).toFixed(1);
async function main() {
  console.log("| page | status | HTML KB | inline RSC KB | RSC share | hidden boundaries |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const p of rest.length ? rest : DEFAULT_PATHS) {
    const res = await fetch(new URL(p, base), { headers: { "accept-encoding": "identity" } });
    const html = await res.text();
    let rsc = 0;
    for (const m of html.matchAll(/<script>(self\.__next_f\.push[\s\S]*?)<\/script>/g)) rsc += Buffer.byteLength(m[1]!);
    const total = Buffer.byteLength(html);
    const hidden = html.match(/<div hidden id="S:/g)?.length ?? 0;
    console.log(`| ${p} | ${res.status} | ${kb(total)} | ${kb(rsc)} | ${Math.round((100 * rsc) / total)}% | ${hidden} |`);
  }
}

void main();
