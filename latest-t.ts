import { listDeals } from "@/lib/db/queries/deals";
import Database from "better-sqlite3";
const db = new Database(process.env.PORTFOLIO_DB!, { readonly: true });
const slugs = process.argv.slice(2);
for (const slug of slugs) {
  for (const [limit, offset] of [[1, 0], [5, 0], [50, 20]]) {
    const t0 = performance.now();
    const r = listDeals({ participant: slug }, { limit, offset, order: "recent" });
    const ms = performance.now() - t0;
    const expected = db.prepare(`SELECT d.id FROM deals d JOIN organizations o ON o.slug = ? WHERE d.investor_id = o.id OR d.id IN (SELECT deal_id FROM deal_co_investors WHERE organization_id = o.id)
      ORDER BY d.sort_date IS NULL, d.sort_date DESC, d.id DESC LIMIT ? OFFSET ?`).pluck().all(slug, limit, offset);
    const same = JSON.stringify(r.map((d) => d.id)) === JSON.stringify(expected);
    console.log(slug, limit, offset, ms.toFixed(1), "ms", same ? "same" : `DIFF ${r.map((d) => d.id)} vs ${expected}`);
  }
}
