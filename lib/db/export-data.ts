import type Database from "better-sqlite3";

type Row = Record<string, unknown>;

interface CitationOut {
  source: string;
  locator: string;
  note: string | null;
  /** What the cited paragraph(s) support, in our words; one line per paragraph of a range. */
  paraphrase: string | null;
}

/**
 * The whole database as plain records, with organization and source ids replaced by
 * their slugs and names, so the export reads without the schema at hand.
 */
export function exportTables(sqlite: Database.Database): Record<string, Row[]> {
  const all = (q: string, ...params: unknown[]) => sqlite.prepare(q).all(...params) as Row[];
  const paraphraseOf = new Map(
    all("SELECT s.slug AS source, p.paragraph, p.paraphrase FROM paragraphs p JOIN sources s ON s.id = p.source_id").map(
      (r) => [`${r.source} ${r.paragraph}`, r.paraphrase as string],
    ),
  );
  const paraphraseFor = (source: string, locator: string): string | null => {
    const [from, to = from] = locator.slice(1).split("-").map(Number) as [number, number?];
    const lines: string[] = [];
    for (let n = from!; n <= to!; n++) {
      const line = paraphraseOf.get(`${source} ${n}`);
      if (line) lines.push(from === to ? line : `¶${n}: ${line}`);
    }
    return lines.length ? lines.join(" ") : null;
  };
  const citationMap = (column: string) => {
    const map = new Map<number, CitationOut[]>();
    for (const r of all(
      `SELECT c.${column} AS subject, s.slug AS source, c.locator, c.note FROM citations c
       JOIN sources s ON s.id = c.source_id WHERE c.${column} IS NOT NULL ORDER BY c.id`,
    )) {
      const list = map.get(r.subject as number) ?? [];
      const source = r.source as string;
      const locator = r.locator as string;
      list.push({ source, locator, note: (r.note as string) ?? null, paraphrase: paraphraseFor(source, locator) });
      map.set(r.subject as number, list);
    }
    return map;
  };
  const group = (q: string, key: string, value: string) => {
    const map = new Map<number, unknown[]>();
    for (const r of all(q)) map.set(r[key] as number, [...(map.get(r[key] as number) ?? []), r[value]]);
    return map;
  };
  const withCitations = (rows: Row[], column: string) => {
    const cites = citationMap(column);
    return rows.map(({ id, ...r }) => ({ ...r, citations: cites.get(id as number) ?? [] }));
  };

  const aliases = group("SELECT organization_id, alias FROM organization_aliases ORDER BY id", "organization_id", "alias");
  const coInvestors = group(
    "SELECT d.deal_id, o.name FROM deal_co_investors d JOIN organizations o ON o.id = d.organization_id ORDER BY o.name",
    "deal_id",
    "name",
  );
  const terms = group("SELECT deal_id, term FROM deal_terms ORDER BY deal_id, sort_order", "deal_id", "term");
  const rateSources = group(
    "SELECT f.fx_rate_id, s.slug FROM fx_rate_sources f JOIN sources s ON s.id = f.source_id ORDER BY s.slug",
    "fx_rate_id",
    "slug",
  );
  const claimsByConflict = new Map<number, Row[]>();
  for (const { conflict_id, ...k } of all(
    `SELECT k.conflict_id, s.slug AS source, s.title AS source_title, k.locator, k.value_text AS value,
            k.numeric_value, k.unit, k.is_preferred AS preferred
     FROM claims k JOIN sources s ON s.id = k.source_id ORDER BY k.id`,
  )) {
    const id = conflict_id as number;
    claimsByConflict.set(id, [...(claimsByConflict.get(id) ?? []), { ...k, preferred: k.preferred === 1 }]);
  }

  return {
    sources: all(
      `SELECT slug, title, title_note, outlet, published_date, published_date_estimated = 1 AS published_date_estimated,
              date_note, file, paragraph_count, summary FROM sources ORDER BY slug`,
    ).map((r) => ({ ...r, published_date_estimated: r.published_date_estimated === 1 })),
    paragraphs: all(
      `SELECT s.slug AS source, p.paragraph, p.paraphrase FROM paragraphs p
       JOIN sources s ON s.id = p.source_id ORDER BY s.slug, p.paragraph`,
    ),
    layers: all("SELECT slug, name, sort_order, description FROM layers ORDER BY sort_order"),
    organizations: withCitations(
      all("SELECT id, slug, name, kind, country, description FROM organizations ORDER BY slug").map((r) => ({
        ...r,
        aliases: aliases.get(r.id as number) ?? [],
      })),
      "organization_id",
    ),
    positions: withCitations(
      all(
        `SELECT p.id, o.slug AS organization, o.name AS organization_name, p.layer, p.segment, p.relationship,
                p.status, p.kind, m.slug AS merged_into, p.since, p.note
         FROM positions p JOIN organizations o ON o.id = p.organization_id
         LEFT JOIN organizations m ON m.id = p.merged_into_id ORDER BY p.layer, p.segment, o.slug`,
      ),
      "position_id",
    ),
    deals: withCitations(
      all(
        `SELECT d.id, d.slug, o.slug AS organization, o.name AS organization_name, i.name AS investor, d.date,
                d.date_precision, d.date_qualifier, d.kind, d.status, d.amount, d.currency, d.qualifier,
                d.stake_percent, d.description
         FROM deals d JOIN organizations o ON o.id = d.organization_id JOIN organizations i ON i.id = d.investor_id
         ORDER BY d.sort_date IS NULL, d.sort_date, d.slug`,
      ).map((r) => ({ ...r, co_investors: coInvestors.get(r.id as number) ?? [], terms: terms.get(r.id as number) ?? [] })),
      "deal_id",
    ),
    financials: withCitations(
      all(
        `SELECT f.id, f.slug, o.slug AS organization, o.name AS organization_name, f.metric, f.period_label,
                f.period_start, f.period_end, f.value, f.unit, f.qualifier, f.change_percent, f.change_basis, f.description
         FROM financials f JOIN organizations o ON o.id = f.organization_id ORDER BY o.slug, f.metric, f.slug`,
      ),
      "financial_id",
    ),
    spending: withCitations(
      all(
        `SELECT s.id, s.slug, o.slug AS organization, o.name AS organization_name, s.kind, s.scope, s.period_label,
                s.period_start, s.period_end, s.amount, s.currency, s.qualifier, s.change_percent, s.description
         FROM spending s JOIN organizations o ON o.id = s.organization_id ORDER BY s.period_start, s.slug`,
      ),
      "spending_id",
    ),
    conflicts: all(
      `SELECT c.id, c.slug, c.topic, o.name AS organization, c.subject, c.description, c.resolution
       FROM conflicts c LEFT JOIN organizations o ON o.id = c.organization_id ORDER BY c.id`,
    ).map(({ id, ...c }) => ({ ...c, claims: claimsByConflict.get(id as number) ?? [] })),
    fx_rates: all("SELECT id, currency, per_usd, as_of, basis, is_default, note FROM fx_rates ORDER BY currency, id").map(
      ({ id, ...r }) => ({ ...r, is_default: r.is_default === 1, sources: rateSources.get(id as number) ?? [] }),
    ),
  };
}

/**
 * Rows ready for CSV: citations and claims carry their source's title, outlet and date, so
 * `toCsv` writes them the way every download on the site does.
 */
export function withSourceDetails(rows: Row[], sources: Row[]): Row[] {
  const bySlug = new Map(sources.map((s) => [s.slug as string, s]));
  const detail = (c: Row) => {
    const s = bySlug.get(c.source as string);
    return {
      ...c,
      sourceSlug: c.source as string,
      sourceTitle: (s?.title as string | undefined) ?? (c.source as string),
      outlet: (s?.outlet as string | null | undefined) ?? null,
      publishedDate: (s?.published_date as string | null | undefined) ?? null,
    };
  };
  return rows.map((r) => ({
    ...r,
    ...(Array.isArray(r.citations) ? { citations: (r.citations as Row[]).map(detail) } : {}),
    ...(Array.isArray(r.claims) ? { claims: (r.claims as Row[]).map(detail) } : {}),
  }));
}
