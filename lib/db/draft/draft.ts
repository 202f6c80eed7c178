import type { Cells } from "../../validation/import";
import type { DateMention, MoneyMention, OrganizationMention, PercentMention, Sentence } from "./extract";
import type { Known, KnownFact } from "./known";

/** One candidate fact as the draft proposes it: an import row plus what the analyst should know about it. */
export interface DraftRow {
  cells: Cells;
  /** Where the figure is, e.g. "¶53". */
  locator: string;
  /** The figures and names the row was drawn from, as they read in the article ("more than 380 billion yuan"). */
  phrases: string[];
  /** The fact already in the database that states the same figure, when there is one. */
  existing: { type: KnownFact["type"]; slug: string } | null;
  /** The figures the row holds, for the recall and precision measure. */
  figures: { value: number; unit: string }[];
}

export interface Draft {
  rows: DraftRow[];
  /** Organisations named in the article but not in the database, proposed as new rows. */
  newOrganizations: DraftRow[];
  /** Dates the article gives that no figure row took, listed for the analyst. */
  looseDates: DateMention[];
}

const RELATIVE_TOLERANCE = 0.005;
const sameNumber = (a: number, b: number) => Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));

type RecordKind = "deal" | "spending" | "financial";

/** Which kind of record a money figure most likely belongs to, from the words of its sentence. */
function recordKindOf(sentence: string): RecordKind {
  if (/\bstake\b|\bacquir|\bbought\b|\bfinancing\b|\bfunding round\b|\bround of\b|\bvaluation\b|\binvest(?:s|ed|ing)?\s+(?:\$|US\$|[\d.]+\s*(?:billion|million)?\s*(?:yuan|dollars)?\s+)?in\s+(?!AI\b|the\b|its\b|data\b|infrastructure\b|building\b|cloud\b|capital\b)[A-Z]/i.test(sentence)) {
    return "deal";
  }
  if (/capex|capital expenditure|data cent|infrastructure|pledge|earmark|allocat|\bspend|\bspent\b|\binvest|R\s*&\s*D|research and development|capital projects/i.test(sentence)) return "spending";
  return "financial";
}

function dealKindOf(sentence: string): string {
  if (/\brumou?r|\bnews that\b|\breportedly\b|\bdenied\b/i.test(sentence)) return "rumoured-investment";
  if (/\bacquir|\bbought\b|\btakeover\b/i.test(sentence)) return "acquisition";
  if (/\bjoint venture\b/i.test(sentence)) return "joint-venture";
  if (/\bstake\b|\binvest|\bround\b|\bfinancing\b/i.test(sentence)) return "equity-investment";
  return "";
}

function dealStatusOf(sentence: string): string {
  if (/\bdenied\b|\bdenies\b/i.test(sentence)) return "denied";
  if (/\brumou?r|\bnews that\b|\breportedly\b/i.test(sentence)) return "rumoured";
  if (/\bplans? to\b|\bwill\b|\bannounced\b/i.test(sentence)) return "announced";
  if (/\bacquired\b|\binvested\b|\bcompleted\b|\bbought\b|\bled\b/i.test(sentence)) return "completed";
  return "";
}

function spendingKindOf(sentence: string): string {
  if (/\bpledge/i.test(sentence)) return "pledge";
  if (/\binvested\b|\bspent\b|\breached\b|\bcumulative|\bhad invested\b|\bexpenditure in\b|\bwas\b/i.test(sentence)) return "actual";
  if (/\bplans?\b|\bwill\b|\banticipat|\bexpect|\ballocat|\bearmark|\bover the next\b|\bcommit/i.test(sentence)) return "plan";
  return "";
}

function scopeOf(sentence: string): string {
  if (/R\s*&\s*D|research and development/i.test(sentence) && !/infrastructure/i.test(sentence)) return "rnd";
  if (/data cent/i.test(sentence)) return "ai-data-centres";
  if (/capital expenditure|capex/i.test(sentence)) return "total-capex";
  if (/AI[- ]related capital projects|capital projects/i.test(sentence)) return "ai-capital-projects";
  if (/infrastructure/i.test(sentence)) return "ai-cloud-infrastructure";
  return "";
}

function metricOf(sentence: string, percent: PercentMention | null): string {
  if (percent?.measures === "market share") return "market-share";
  if (percent?.measures === "share-price change") return "share-price-change";
  if (/\bnet loss|\blosses?\b/i.test(sentence)) return "net-loss";
  if (/\brevenue|\bincome\b|\bsales\b/i.test(sentence)) return "revenue";
  if (/\bmarket value|\bmarket cap/i.test(sentence)) return "market-value-change";
  if (/\braised\b|\bfinancing\b|\bfunding\b/i.test(sentence)) return "funding-raised";
  return "";
}

/** The end of the period a date or year names, for a spending or figure row. */
function periodOf(date: DateMention | undefined): { label: string; start: string; end: string } {
  if (!date) return { label: "", start: "", end: "" };
  const y = Number(date.value.slice(0, 4));
  if (date.precision === "year") return { label: String(y), start: `${y}-01-01`, end: `${y}-12-31` };
  const m = Number(date.value.slice(5, 7));
  const lastDay = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  if (date.precision === "quarter") {
    const q = (m + 2) / 3;
    return { label: `Q${q} ${y}`, start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m + 2)}-${lastDay(y, m + 2)}` };
  }
  return { label: date.value, start: date.precision === "day" ? date.value : `${date.value}-01`, end: date.precision === "day" ? date.value : `${date.value}-${lastDay(y, m)}` };
}

const slugify = (s: string) =>
  s
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60) || "unnamed";

/**
 * Turns an article's candidates into draft import rows. Each money figure or percentage is a
 * row of the kind its sentence suggests (deal, spending or figure), with the organisation
 * nearest it, the date its sentence gives and this article's paragraph as its citation; a
 * stake or a change joins the money figure of its sentence. Descriptions stay empty: the
 * analyst writes them. A figure the database already states for the same organisation (or
 * cites from this very paragraph) becomes that record, under its id, so the import plans it
 * as unchanged instead of refusing a duplicate.
 */
export function buildDraft(
  sentences: Sentence[],
  known: Known & { recordCells: (type: Exclude<KnownFact["type"], "claim">, slug: string, citation: string) => Cells },
  sourceSlug: string,
): Draft {
  const rows: DraftRow[] = [];
  const byExisting = new Map<string, DraftRow>();
  const newOrgs = new Map<string, DraftRow>();
  const looseDates: DateMention[] = [];
  let counter = 0;
  const lastOrgInParagraph = new Map<number, OrganizationMention>();

  const findExisting = (value: number, unit: string, org: string | null, locator: string): KnownFact | null => {
    const cite = `${sourceSlug} ${locator}`;
    const hits = known.facts.filter((f) => f.numbers.some((n) => n.unit === unit && sameNumber(n.value, value)));
    // Records before claims: a figure that is a record is drafted as that record.
    hits.sort((a, b) => Number(a.type === "claim") - Number(b.type === "claim"));
    return hits.find((f) => f.cited.includes(cite)) ?? hits.find((f) => org !== null && f.organization === org) ?? null;
  };

  for (const s of sentences) {
    const locator = `¶${s.paragraph}`;
    const cite = `${sourceSlug} ${locator}`;
    const orgs = s.candidates.filter((c): c is OrganizationMention => c.kind === "organization");
    const dates = s.candidates.filter((c): c is DateMention => c.kind === "date");
    const money = s.candidates.filter((c): c is MoneyMention => c.kind === "money");
    const percents = s.candidates.filter((c): c is PercentMention => c.kind === "percent");
    const usedDates = new Set<DateMention>();

    for (const o of orgs) {
      if (o.slug !== null) continue;
      const id = slugify(o.name);
      // Proposed once, at its first mention.
      if (known.organizations.some((k) => k.slug === id) || newOrgs.has(id)) continue;
      newOrgs.set(id, {
        cells: { record: "organization", id, name: o.name, kind: "other", description: "", sources: cite },
        locator,
        phrases: [o.name],
        existing: null,
        figures: [],
      });
    }

    const nearestOrg = (at: number, skipAlibaba: boolean): OrganizationMention | undefined => {
      const pool = orgs.filter((o) => !(skipAlibaba && o.slug === "alibaba"));
      const before = pool.filter((o) => o.at <= at);
      return before.at(-1) ?? pool[0] ?? (skipAlibaba ? undefined : lastOrgInParagraph.get(s.paragraph));
    };
    const nearestDate = (at: number) => {
      const d = [...dates].sort((a, b) => Math.abs(a.at - at) - Math.abs(b.at - at))[0];
      if (d) usedDates.add(d);
      return d;
    };

    const sentenceRows: DraftRow[] = [];
    const addRow = (row: DraftRow) => {
      if (row.existing) {
        const key = `${row.existing.type}:${row.existing.slug}`;
        const was = byExisting.get(key);
        if (was) {
          // The same fact named again (a headline repeating the figure): one row, every paragraph cited.
          const cited = was.cells.sources!.split("; ");
          if (!cited.includes(cite)) was.cells.sources = [...cited, cite].join("; ");
          was.phrases.push(...row.phrases);
          sentenceRows.push(was);
          return;
        }
        byExisting.set(key, row);
      } else {
        // The same new figure for the same organisation again: one row citing every paragraph.
        const c = row.cells;
        const key = `new:${c.record}:${c.organization}:${c.amount ?? c.value ?? ""}:${c.currency ?? c.unit ?? ""}:${c.stake_percent ?? ""}`;
        const was = byExisting.get(key);
        if (was) {
          const cited = was.cells.sources!.split("; ");
          if (!cited.includes(cite)) was.cells.sources = [...cited, cite].join("; ");
          was.phrases.push(...row.phrases);
          sentenceRows.push(was);
          return;
        }
        byExisting.set(key, row);
      }
      rows.push(row);
      sentenceRows.push(row);
    };
    const existingRow = (fact: KnownFact, phrases: string[], figures: DraftRow["figures"]): DraftRow => ({
      // A claim has no import record: the row is listed for review and left out of the file.
      cells: fact.type === "claim" ? { record: "claim", id: fact.slug, sources: cite } : known.recordCells(fact.type, fact.slug, cite),
      locator,
      phrases,
      existing: { type: fact.type, slug: fact.slug },
      figures,
    });

    for (const m of money) {
      const kind = recordKindOf(s.text);
      const org = nearestOrg(m.at, kind === "deal");
      const figures = [{ value: m.amount, unit: m.currency }];
      const fact = findExisting(m.amount, m.currency, org?.slug ?? null, locator);
      if (fact) {
        addRow(existingRow(fact, [m.phrase], figures));
        continue;
      }
      const date = nearestDate(m.at);
      const id = `draft-${sourceSlug}-p${s.paragraph}-${++counter}`.slice(0, 80);
      const common: Cells = { record: kind, id, organization: org?.slug ?? "", qualifier: m.qualifier, description: "", sources: cite };
      let cells: Cells;
      if (kind === "deal") {
        cells = {
          ...common,
          investor: /\balibaba\b/i.test(s.text) ? "alibaba" : "",
          date: date?.precision === "quarter" ? date.value.slice(0, 4) : (date?.value ?? ""),
          date_precision: date ? (date.precision === "quarter" ? "year" : date.precision) : "unknown",
          date_qualifier: date?.qualifier ?? "exact",
          kind: dealKindOf(s.text),
          status: dealStatusOf(s.text),
          amount: String(m.amount),
          currency: m.currency,
        };
      } else if (kind === "spending") {
        const p = periodOf(date);
        cells = { ...common, kind: spendingKindOf(s.text), scope: scopeOf(s.text), period_label: p.label, period_start: p.start, period_end: p.end, amount: String(m.amount), currency: m.currency };
      } else {
        const p = periodOf(date);
        cells = { ...common, metric: metricOf(s.text, null), period_label: p.label, period_start: p.start || "", period_end: p.end || "", value: String(m.amount), unit: m.currency };
      }
      if (org?.slug === null && org) cells.organization = slugify(org.name);
      addRow({ cells, locator, phrases: [m.phrase], existing: null, figures });
    }

    for (const p of percents) {
      const figures = [{ value: p.value, unit: "percent" }];
      const org = nearestOrg(p.at, p.measures === "stake");
      const fact = findExisting(p.value, "percent", org?.slug ?? null, locator);
      if (fact) {
        addRow(existingRow(fact, [p.phrase], figures));
        continue;
      }
      // A stake or a change belongs to the money figure of its sentence when there is one.
      const host = sentenceRows.find((r) => r.existing === null && r.cells.record !== "organization");
      if (host && p.measures === "stake" && host.cells.record === "deal" && !host.cells.stake_percent) {
        host.cells.stake_percent = String(p.value);
        host.phrases.push(p.phrase);
        host.figures.push(...figures);
        continue;
      }
      if (host && (p.measures === "change" || p.measures === "decline") && host.cells.record !== "deal" && !host.cells.change_percent) {
        host.cells.change_percent = String(p.measures === "decline" ? -p.value : p.value);
        host.phrases.push(p.phrase);
        host.figures.push(...figures);
        continue;
      }
      const date = nearestDate(p.at);
      const id = `draft-${sourceSlug}-p${s.paragraph}-${++counter}`.slice(0, 80);
      let cells: Cells;
      if (p.measures === "stake") {
        cells = {
          record: "deal", id, organization: org?.slug ?? "", investor: /\balibaba\b/i.test(s.text) ? "alibaba" : "",
          date: date?.precision === "quarter" ? date.value.slice(0, 4) : (date?.value ?? ""), date_precision: date ? (date.precision === "quarter" ? "year" : date.precision) : "unknown",
          date_qualifier: date?.qualifier ?? "exact", kind: dealKindOf(s.text), status: dealStatusOf(s.text), qualifier: p.qualifier,
          stake_percent: String(p.value), description: "", sources: cite,
        };
      } else {
        const period = periodOf(date);
        cells = {
          record: "financial", id, organization: org?.slug ?? "", metric: metricOf(s.text, p), period_label: period.label,
          period_start: period.start, period_end: period.end, value: String(p.measures === "decline" || p.measures === "share-price change" ? -p.value : p.value),
          unit: "percent", qualifier: p.qualifier, change_basis: p.measures ?? "", description: "", sources: cite,
        };
      }
      if (org?.slug === null && org) cells.organization = slugify(org.name);
      addRow({ cells, locator, phrases: [p.phrase], existing: null, figures });
    }

    for (const d of dates) if (!usedDates.has(d)) looseDates.push(d);
    const lastOrg = orgs.at(-1);
    if (lastOrg) lastOrgInParagraph.set(s.paragraph, lastOrg);
  }
  return { rows, newOrganizations: [...newOrgs.values()], looseDates };
}

