// `npm run db:synth -- --companies 100000 --deals 1000000 [--out var/synth.db] [--seed 42]`
//
// A separate, much larger database for load tests: the real dataset first (so every real
// page and company still exists), then synthetic but plausible organizations, positions and
// deals. Every synthetic fact cites ONE synthetic source row, so nothing generated here
// pretends to come from a real article. Built beside the target and renamed into place.
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { readDataset } from "../../lib/db/dataset";
import type { DealKind, DealStatus, Layer, PositionStatus, Relationship } from "../../lib/domain/vocabulary";
import { DATA_DIR, MIGRATIONS_DIR, tableCounts } from "../../lib/db/build";
import { writeDataVersion } from "../../lib/db/connection";
import { rebuildSearchIndex, withBulkFtsBuffer } from "../../lib/db/search-index";
import { refillSummaries } from "../../lib/db/summaries";
import { seedDatabase, sortDateOf } from "../../lib/db/seed";

export const SYNTHETIC_SOURCE_SLUG = "synthetic-generator";
export const SYNTHETIC_SOURCE_TITLE = "Synthetic records for load testing (not real)";
export const DEFAULT_SYNTH_DB = path.join("var", "synth.db");

export interface SynthOptions {
  target: string;
  companies: number;
  deals: number;
  seed?: number;
  /** One existing company (by slug) that receives `busyDeals` of the deals: an organisation far past SQLite's 32,766-variable limit. */
  busyCompany?: string;
  busyDeals?: number;
  dataDir?: string;
  migrationsDir?: string;
  /** One line per step and progress lines; silent when omitted. */
  log?: (line: string) => void;
  /** Progress that overwrites itself on a terminal. */
  progress?: (line: string) => void;
}

export interface SynthResult {
  target: string;
  counts: Record<string, number>;
  /** Synthetic rows written (every table, citations included). */
  syntheticRows: number;
  /** Seconds spent writing the synthetic rows, indexes included. */
  insertSeconds: number;
  /** CPU seconds (user + system) this process spent on the same step: steadier than the wall clock on a busy machine. */
  insertCpuSeconds: number;
  /** Seconds for the whole command: migrations, real seed, synthetic rows, checks, rename. */
  totalSeconds: number;
}

// ---------------------------------------------------------------------------------------
// Deterministic randomness: the same --seed gives the same database.

export interface Rng {
  (): number;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  weighted<T>(table: readonly (readonly [T, number])[]): T;
  normal(): number;
}

/** mulberry32: tiny, fast, good enough for test data (not for anything secret). */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (() => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rng;
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  next.pick = (xs) => xs[Math.floor(next() * xs.length)]!;
  next.weighted = (table) => {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = next() * total;
    for (const [v, w] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return table[table.length - 1]![0];
  };
  next.normal = () => {
    // Box-Muller; 1 - u keeps log() away from zero.
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return next;
}

// ---------------------------------------------------------------------------------------
// The shape of the synthetic portfolio. Weights are guesses at a plausible mix, not data.

const SYLLABLES = [
  "an", "bai", "bei", "bo", "chang", "chen", "cheng", "chuang", "da", "de", "ding", "dong", "fang", "fei", "feng",
  "fu", "guang", "hai", "hang", "hao", "he", "heng", "hong", "hua", "hui", "jia", "jian", "jin", "jing", "jun",
  "kai", "kang", "lan", "le", "li", "lian", "lin", "ling", "long", "lu", "mei", "ming", "mo", "nan", "ning", "pei",
  "qi", "qian", "qing", "rui", "sen", "shan", "shang", "shen", "sheng", "shi", "shu", "si", "tai", "teng", "tian",
  "tong", "wei", "wen", "xi", "xia", "xian", "xiang", "xin", "xing", "xu", "xuan", "yao", "yi", "yin", "ying",
  "yong", "yu", "yuan", "yue", "yun", "ze", "zhan", "zhi", "zhong", "zhou", "zhu",
] as const;
const ENGLISH_HEADS = [
  "Blue", "Deep", "Bright", "Quantum", "Nova", "Vector", "Polar", "Lumen", "Apex", "Silver", "Echo", "Orbit", "Pixel",
  "Atlas", "Cedar", "Harbor", "River", "Summit", "Terra", "Zenith", "Kite", "Maple", "Onyx", "Prism", "Sparrow",
] as const;
const ENGLISH_TAILS = ["Mind", "Motion", "Logic", "Wave", "Works", "Labs", "Scale", "Sense", "Path", "Forge", "Core", "Bit"] as const;

interface SegmentShape {
  segment: string;
  label: string;
  /** English suffix of a company name and its pinyin counterpart for the alias. */
  suffix: readonly (readonly [string, string])[];
  weight: number;
}

export const SEGMENTS: Record<Layer, readonly SegmentShape[]> = {
  basic: [
    { segment: "chips", label: "AI chip", suffix: [["Semiconductor", "Bandaoti"], ["Microelectronics", "Weidianzi"]], weight: 30 },
    { segment: "memory", label: "memory", suffix: [["Memory", "Cunchu"], ["Storage", "Cunchu"]], weight: 10 },
    { segment: "cloud", label: "cloud", suffix: [["Cloud", "Yun"]], weight: 12 },
    { segment: "compute", label: "computing power", suffix: [["Compute", "Suanli"], ["Computing", "Jisuan"]], weight: 20 },
    { segment: "data-centres", label: "data-centre", suffix: [["Data Centers", "Shuju Zhongxin"]], weight: 15 },
    { segment: "networking", label: "networking", suffix: [["Networks", "Wangluo"]], weight: 8 },
    { segment: "research", label: "research", suffix: [["Research", "Yanjiuyuan"]], weight: 5 },
  ],
  technology: [
    { segment: "llm", label: "large-model", suffix: [["AI", "Zhineng"], ["Intelligence", "Zhineng"]], weight: 35 },
    { segment: "ai-platform", label: "AI platform", suffix: [["Platform", "Pingtai"], ["Cloud AI", "Yun Zhineng"]], weight: 15 },
    { segment: "video-generation", label: "video-generation", suffix: [["Video", "Shipin"], ["Vision", "Shijue"]], weight: 12 },
    { segment: "speech", label: "speech", suffix: [["Voice", "Yuyin"], ["Speech", "Yuyin"]], weight: 10 },
    { segment: "computer-vision", label: "computer-vision", suffix: [["Vision", "Shijue"]], weight: 12 },
    { segment: "agents", label: "AI agent", suffix: [["Agents", "Zhinengti"]], weight: 10 },
    { segment: "mlops", label: "ML tooling", suffix: [["Data", "Shuju"]], weight: 6 },
  ],
  application: [
    { segment: "robotics", label: "robotics", suffix: [["Robotics", "Jiqiren"], ["Robot", "Jiqiren"]], weight: 18 },
    { segment: "automotive", label: "automotive", suffix: [["Auto", "Qiche"], ["Motors", "Qiche"]], weight: 12 },
    { segment: "smart-cockpit", label: "smart-cockpit", suffix: [["Cockpit", "Zuocang"], ["Mobility", "Chuxing"]], weight: 6 },
    { segment: "voice", label: "voice assistant", suffix: [["Voice", "Yuyin"]], weight: 5 },
    { segment: "smartphones", label: "device", suffix: [["Devices", "Zhongduan"]], weight: 5 },
    { segment: "e-commerce", label: "e-commerce", suffix: [["Commerce", "Dianshang"]], weight: 10 },
    { segment: "healthcare", label: "medical AI", suffix: [["Health", "Yiliao"], ["Medical", "Yiliao"]], weight: 12 },
    { segment: "education", label: "education", suffix: [["Education", "Jiaoyu"], ["Learning", "Xuexi"]], weight: 8 },
    { segment: "fintech", label: "fintech", suffix: [["Finance", "Jinrong"], ["Pay", "Zhifu"]], weight: 8 },
    { segment: "logistics", label: "logistics", suffix: [["Logistics", "Wuliu"]], weight: 8 },
    { segment: "gaming", label: "gaming", suffix: [["Games", "Youxi"], ["Interactive", "Hudong"]], weight: 8 },
  ],
};

const LAYER_WEIGHTS: readonly (readonly [Layer, number])[] = [["basic", 20], ["technology", 30], ["application", 50]];
const COUNTRIES: readonly (readonly [string, number])[] = [
  ["CN", 72], ["US", 8], ["SG", 4], ["HK", 4], ["JP", 2], ["KR", 2], ["GB", 2], ["DE", 2], ["IL", 1], ["FR", 1], ["IN", 1], ["AE", 1],
];
type OrgKind = "portfolio" | "partner" | "competitor" | "other";
const ORG_KINDS_MIX: readonly (readonly [OrgKind, number])[] = [["portfolio", 70], ["partner", 12], ["competitor", 3], ["other", 15]];
const INVESTOR_TAILS = ["Capital", "Ventures", "Partners", "Investment", "Fund", "Holdings"] as const;
const INVESTOR_TAILS_PINYIN: Record<(typeof INVESTOR_TAILS)[number], string> = {
  Capital: "Ziben", Ventures: "Chuangtou", Partners: "Huoban", Investment: "Touzi", Fund: "Jijin", Holdings: "Konggu",
};

const RELATIONSHIP_MIX: readonly (readonly [Relationship, number])[] = [
  ["equity-investment", 58], ["partnership", 18], ["joint-venture", 5], ["acquisition", 5], ["subsidiary", 2], ["in-house", 1], ["rumoured", 11],
];
const STATUS_BY_RELATIONSHIP: Record<Relationship, readonly (readonly [PositionStatus, number])[]> = {
  "equity-investment": [["active", 75], ["listing-in-progress", 8], ["wound-down", 17]],
  partnership: [["active", 80], ["wound-down", 20]],
  "joint-venture": [["active", 75], ["listing-in-progress", 5], ["wound-down", 20]],
  acquisition: [["integrated", 60], ["active", 25], ["wound-down", 15]],
  subsidiary: [["active", 85], ["listing-in-progress", 10], ["integrated", 5]],
  "in-house": [["active", 90], ["integrated", 10]],
  rumoured: [["active", 55], ["denied", 45]],
};

const DEAL_KIND_MIX: readonly (readonly [DealKind, number])[] = [
  ["equity-investment", 58], ["partnership", 16], ["acquisition", 6], ["joint-venture", 6], ["reorganisation", 2], ["rumoured-investment", 12],
];
const STATUS_BY_KIND: Record<DealKind, readonly (readonly [DealStatus, number])[]> = {
  "equity-investment": [["completed", 78], ["announced", 10], ["reported", 12]],
  partnership: [["completed", 55], ["announced", 40], ["reported", 5]],
  acquisition: [["completed", 75], ["announced", 15], ["reported", 10]],
  "joint-venture": [["completed", 70], ["announced", 25], ["reported", 5]],
  reorganisation: [["completed", 85], ["announced", 15]],
  "rumoured-investment": [["rumoured", 80], ["denied", 20]],
};
/** Median deal size in CNY per kind; log-normal spread around it. */
const MEDIAN_CNY: Record<DealKind, number> = {
  "equity-investment": 200e6, partnership: 50e6, acquisition: 1.2e9, "joint-venture": 300e6, reorganisation: 500e6, "rumoured-investment": 400e6,
};
const AMOUNT_QUALIFIERS = [["exact", 50], ["about", 25], ["more-than", 10], ["up-to", 6], ["at-least", 4], ["as-much-as", 3], ["less-than", 2]] as const;
const DATE_PRECISION_MIX = [["day", 40], ["month", 30], ["quarter", 5], ["year", 20], ["unknown", 5]] as const;
const DATED_PRECISION_MIX = DATE_PRECISION_MIX.filter(([p]) => p !== "unknown");
/** Share of deals no source dates. */
const UNDATED_SHARE = 0.05;
const DATE_QUALIFIER_MIX = [["exact", 92], ["about", 5], ["on-or-after", 2], ["before", 1]] as const;
const TERMS = [
  "Paid partly in cloud computing credits",
  "No veto over later investors",
  "Board seat for the lead investor",
  "Option to raise the stake in a later round",
  "Commercial agreement to run models on the investor's cloud",
  "Lock-up until a listing",
  "Investor may not sell to competitors for three years",
  "Staged payments tied to delivery milestones",
] as const;
const DEAL_VERBS: Record<DealKind, string> = {
  "equity-investment": "invests in",
  partnership: "signs a partnership with",
  acquisition: "acquires",
  "joint-venture": "forms a joint venture with",
  reorganisation: "reorganises its holding in",
  "rumoured-investment": "is said to be investing in",
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const slugify = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** Deals cluster in recent years, as AI deal flow did: weight grows with the year. */
export function dealYear(rng: Rng): number {
  return 2010 + Math.floor(16 * Math.sqrt(rng()));
}

export interface DealShape {
  date: string | null;
  datePrecision: string;
  dateQualifier: string;
  kind: DealKind;
  status: DealStatus;
  amount: number | null;
  currency: "CNY" | "USD" | null;
  qualifier: string;
  stakePercent: number | null;
}

/** One deal's fields, coherent with each other (a rumour is rumoured or denied; no date means precision unknown). */
export function dealShape(rng: Rng, when?: { year: number } | "undated"): DealShape {
  const kind = rng.weighted(DEAL_KIND_MIX);
  const status = rng.weighted(STATUS_BY_KIND[kind]);
  const precision = when === "undated" ? "unknown" : when ? rng.weighted(DATED_PRECISION_MIX) : rng.weighted(DATE_PRECISION_MIX);
  const year = when && when !== "undated" ? when.year : dealYear(rng);
  const month = rng.int(1, 12);
  let date: string | null;
  switch (precision) {
    case "day":
      date = `${year}-${String(month).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
      break;
    case "month":
      date = `${year}-${String(month).padStart(2, "0")}`;
      break;
    case "quarter":
      // A quarter is stored as its first month, the partial date the schema allows.
      date = `${year}-${String(1 + 3 * Math.floor((month - 1) / 3)).padStart(2, "0")}`;
      break;
    case "year":
      date = String(year);
      break;
    default:
      date = null;
  }
  const undisclosed = rng() < (kind === "partnership" ? 0.7 : 0.25);
  let amount: number | null = null;
  let currency: "CNY" | "USD" | null = null;
  if (!undisclosed) {
    currency = rng() < 0.62 ? "CNY" : "USD";
    const cny = MEDIAN_CNY[kind] * Math.exp(1.3 * rng.normal());
    const raw = currency === "CNY" ? cny : cny / 7.2;
    // Sources round: keep three significant figures.
    const mag = 10 ** Math.max(0, Math.floor(Math.log10(raw)) - 2);
    amount = Math.max(mag, Math.round(raw / mag) * mag);
  }
  let stakePercent: number | null = null;
  if (kind === "acquisition") stakePercent = rng.int(51, 100);
  else if (kind === "equity-investment" && rng() < 0.4) stakePercent = Math.round((0.5 + 29.5 * rng() ** 2) * 10) / 10;
  return {
    date,
    datePrecision: precision,
    dateQualifier: date === null ? "exact" : rng.weighted(DATE_QUALIFIER_MIX),
    kind,
    status,
    amount,
    currency,
    qualifier: amount === null ? "exact" : rng.weighted(AMOUNT_QUALIFIERS),
    stakePercent,
  };
}

export function dealTermsFor(rng: Rng): string[] {
  const n = rng.weighted([[0, 75], [1, 18], [2, 7]] as const);
  const out = new Set<string>();
  while (out.size < n) out.add(rng.pick(TERMS));
  return [...out];
}

export function dealDescription(investorName: string, kind: DealKind, orgName: string): string {
  return `${investorName} ${DEAL_VERBS[kind]} ${orgName}. Synthetic record for load testing.`;
}

interface SynthOrg {
  id: number;
  slug: string;
  name: string;
  aliases: string[];
  kind: OrgKind;
  country: string;
  layer: Layer;
  segment: SegmentShape;
}

function makeOrg(rng: Rng, id: number, n: number): SynthOrg {
  const kind = rng.weighted(ORG_KINDS_MIX);
  const layer = rng.weighted(LAYER_WEIGHTS);
  const segment = rng.weighted(SEGMENTS[layer].map((s) => [s, s.weight] as const));
  const country = rng.weighted(COUNTRIES);
  const pinyinHead = cap(rng.pick(SYLLABLES)) + rng.pick(SYLLABLES);
  const englishHead = rng.pick(ENGLISH_HEADS) + rng.pick(ENGLISH_TAILS);
  const pinyinName = country === "CN" || country === "HK" ? rng() < 0.8 : rng() < 0.15;
  const head = pinyinName ? pinyinHead : englishHead;
  let name: string;
  const aliases: string[] = [];
  if (kind === "other") {
    const tail = rng.pick(INVESTOR_TAILS);
    name = `${head} ${tail}`;
    if (pinyinName) aliases.push(`${head} ${INVESTOR_TAILS_PINYIN[tail]}`);
  } else {
    const [en, py] = rng.pick(segment.suffix);
    name = `${head} ${en}`;
    if (pinyinName) aliases.push(`${head} ${py}`);
    else if (rng() < 0.3) aliases.push(`${pinyinHead} ${py}`);
  }
  if (rng() < 0.35) {
    const initials = name
      .split(/\s+/)
      .map((w) => w[0])
      .join("")
      .toUpperCase();
    if (initials.length > 1 && !aliases.includes(initials)) aliases.push(initials);
  }
  return { id, slug: `${slugify(name)}-${n}`, name, aliases, kind, country, layer, segment };
}

// ---------------------------------------------------------------------------------------

/** Tables the synthetic rows go into; their indexes are dropped and rebuilt around the bulk load. */
const BULK_TABLES = ["organizations", "organization_aliases", "positions", "deals", "deal_co_investors", "deal_terms", "citations"];
/**
 * Indexes whose keys arrive in ascending order during the load (citations and terms go in
 * by subject id), so each insert lands at the end of the index: cheaper to keep than to
 * rebuild with another scan of the table. (Keeping the date-ordered deal indexes, whose
 * keys also ascend, measured slower than rebuilding them.) Any other index, including one
 * added later and not listed here, is dropped and rebuilt.
 */
const KEPT_DURING_LOAD = new Set([
  "deal_terms_deal_idx",
  "citations_source_idx",
  "citations_organization_idx",
  "citations_position_idx",
  "citations_deal_idx",
  "citations_financial_idx",
  "citations_spending_idx",
]);

function progressMeter(label: string, total: number, report?: (line: string) => void) {
  const step = Math.max(1, Math.floor(total / 20));
  const started = performance.now();
  return (done: number) => {
    if (!report || (done % step !== 0 && done !== total)) return;
    const s = (performance.now() - started) / 1000;
    report(
      `  ${label} ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} (${Math.round((100 * done) / total)}%, ${s.toFixed(1)} s)`,
    );
  };
}

/**
 * Builds the synthetic database: migrations, the real dataset, then the synthetic rows in
 * one transaction with prepared statements. Writes a temporary file beside the target and
 * renames it into place, so a failure leaves the target as it was.
 */
export function buildSynthDatabase(opts: SynthOptions): SynthResult {
  const { target, companies, deals: dealCount, seed = 42, dataDir = DATA_DIR, migrationsDir = MIGRATIONS_DIR } = opts;
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const { dataset, hash } = readDataset(dataDir);
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(tmp);
    // The file is private until the rename and is deleted on any failure, so the journal
    // and fsyncs buy nothing here.
    sqlite.pragma("journal_mode = OFF");
    sqlite.pragma("synchronous = OFF");
    sqlite.pragma("locking_mode = EXCLUSIVE");
    sqlite.pragma("cache_size = -262144");
    sqlite.pragma("temp_store = MEMORY");
    // Lets CREATE INDEX sort on helper threads when the machine has cores to spare.
    sqlite.pragma(`threads = ${Math.min(8, Math.max(1, availableParallelism()))}`);
    sqlite.pragma("foreign_keys = ON");
    migrate(drizzle(sqlite), { migrationsFolder: migrationsDir });
    seedDatabase(sqlite, dataset, hash);
    log(`Real dataset seeded (${dataset.organizations.length} organizations, ${dataset.deals.length} deals).`);

    const insertStarted = performance.now();
    const cpuStarted = process.cpuUsage();
    const rows = insertSynthetic(sqlite, {
      companies,
      deals: dealCount,
      seed,
      busyCompany: opts.busyCompany,
      busyDeals: opts.busyDeals ?? 0,
      log,
      progress: opts.progress,
    });
    const insertSeconds = (performance.now() - insertStarted) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    const insertCpuSeconds = (cpu.user + cpu.system) / 1e6;

    const checkStarted = performance.now();
    const fk = sqlite.prepare("PRAGMA foreign_key_check").all();
    if (fk.length) throw new Error(`foreign key check failed: ${JSON.stringify(fk.slice(0, 5))}`);
    log(`Foreign keys checked in ${((performance.now() - checkStarted) / 1000).toFixed(1)} s.`);
    const counts = tableCounts(sqlite);
    sqlite.pragma("journal_mode = DELETE");
    sqlite.close();
    sqlite = null;
    renameSync(tmp, target);
    return { target, counts, syntheticRows: rows, insertSeconds, insertCpuSeconds, totalSeconds: (performance.now() - t0) / 1000 };
  } catch (err) {
    sqlite?.close();
    if (existsSync(tmp)) rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Multi-row INSERTs: one statement call per `size` rows instead of one per row, which
 * is where most of the time of a row-at-a-time load goes (binding and stepping overhead).
 */
class BulkInsert {
  private buffer: unknown[] = [];
  private full: Database.Statement;
  private readonly width: number;
  inserted = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly head: string,
    private readonly row: string,
    private readonly size: number,
  ) {
    this.width = (row.match(/\?/g) ?? []).length;
    this.full = db.prepare(this.statement(size));
  }

  private statement(n: number): string {
    return `${this.head} VALUES ${Array.from({ length: n }, () => this.row).join(", ")}`;
  }

  add(...values: unknown[]): void {
    for (const v of values) this.buffer.push(v);
    if (this.buffer.length === this.width * this.size) {
      this.full.run(this.buffer);
      this.buffer = [];
      this.inserted += this.size;
    }
  }

  flush(): void {
    const n = this.buffer.length / this.width;
    if (n > 0) this.db.prepare(this.statement(n)).run(this.buffer);
    this.inserted += n;
    this.buffer = [];
  }
}

function insertSynthetic(
  sqlite: Database.Database,
  o: {
    companies: number;
    deals: number;
    seed: number;
    busyCompany?: string;
    busyDeals: number;
    log: (l: string) => void;
    progress?: (l: string) => void;
  },
): number {
  const rng = createRng(o.seed);
  let rows = 0;

  const maxId = (table: string) => (sqlite.prepare(`SELECT coalesce(max(id), 0) AS m FROM ${table}`).get() as { m: number }).m;
  const idOf = (table: string, slug: string) =>
    (sqlite.prepare(`SELECT id FROM ${table} WHERE slug = ?`).get(slug) as { id: number } | undefined)?.id;

  const alibabaId = idOf("organizations", "alibaba");
  if (alibabaId === undefined) throw new Error('the real dataset has no "alibaba" organization to invest');
  const units = (sqlite.prepare("SELECT id, name FROM organizations WHERE kind = 'alibaba-unit'").all() as { id: number; name: string }[]);
  const realCompetitors = sqlite.prepare("SELECT id, name FROM organizations WHERE kind = 'competitor'").all() as { id: number; name: string }[];
  const alibabaName = (sqlite.prepare("SELECT name FROM organizations WHERE id = ?").get(alibabaId) as { name: string }).name;

  // Indexes are rebuilt after the load from their own CREATE statements, so the schema ends
  // exactly as the migrations made it; building an index once from sorted data is far
  // cheaper than updating it row by row.
  const indexes = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${BULK_TABLES.map(() => "?").join(", ")})`,
    )
    .all(...BULK_TABLES)
    .filter((ix) => !KEPT_DURING_LOAD.has((ix as { name: string }).name)) as { name: string; sql: string }[];

  // The summary triggers (migration 0006) would look up a position per row in indexes that
  // are dropped here; they are recreated after the load, and the synthetic rows' counts are
  // added from what the generator wrote (see summaries below).
  const triggers = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${BULK_TABLES.map(() => "?").join(", ")})`)
    .all(...BULK_TABLES) as { name: string; sql: string }[];
  const positionCounts = new Map<string, number>();
  const dealCounts = new Map<string, number>();
  // Keys joined with NUL, which no value here contains: a million JSON.stringify calls cost more.
  const bump = (m: Map<string, number>, ...key: (string | number)[]) => {
    const k = key.join("\0");
    m.set(k, (m.get(k) ?? 0) + 1);
  };

  // Foreign keys are checked once at the end (PRAGMA foreign_key_check), not per row.
  sqlite.pragma("foreign_keys = OFF");
  sqlite.transaction(() => {
    for (const ix of indexes) sqlite.exec(`DROP INDEX "${ix.name}"`);
    for (const tr of triggers) sqlite.exec(`DROP TRIGGER "${tr.name}"`);

    const src = sqlite
      .prepare(
        `INSERT INTO sources (slug, title, title_note, outlet, published_date, date_note, file, paragraph_count, url, summary)
         VALUES (?, ?, NULL, NULL, NULL, ?, NULL, NULL, NULL, ?)`,
      )
      .run(
        SYNTHETIC_SOURCE_SLUG,
        SYNTHETIC_SOURCE_TITLE,
        "Generated by npm run db:synth; never published.",
        `Generated records for load tests (db:synth, seed ${o.seed}). No article states them; they are not real companies or deals.`,
      );
    const sourceId = Number(src.lastInsertRowid);
    rows++;

    // Rows per statement: SQLite allows 32,766 parameters; 64 rows is past the point of diminishing returns.
    const B = 64;
    const insOrg = new BulkInsert(sqlite, "INSERT INTO organizations (id, slug, name, kind, country, description)", "(?, ?, ?, ?, ?, ?)", B);
    const insAlias = new BulkInsert(sqlite, "INSERT INTO organization_aliases (organization_id, alias)", "(?, ?)", B);
    const insPos = new BulkInsert(
      sqlite,
      "INSERT INTO positions (id, organization_id, layer, segment, relationship, status, since, note)",
      "(?, ?, ?, ?, ?, ?, ?, NULL)",
      B,
    );
    const insDeal = new BulkInsert(
      sqlite,
      `INSERT INTO deals (id, slug, organization_id, investor_id, date, date_precision, date_qualifier, sort_date, kind, status,
         amount, currency, qualifier, stake_percent, description)`,
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      B,
    );
    const insCo = new BulkInsert(sqlite, "INSERT INTO deal_co_investors (deal_id, organization_id)", "(?, ?)", B);
    const insTerm = new BulkInsert(sqlite, "INSERT INTO deal_terms (deal_id, sort_order, term)", "(?, ?, ?)", B);
    const citeOrg = new BulkInsert(sqlite, "INSERT INTO citations (source_id, locator, organization_id)", `(${sourceId}, '¶1', ?)`, B);
    const citePos = new BulkInsert(sqlite, "INSERT INTO citations (source_id, locator, position_id)", `(${sourceId}, '¶1', ?)`, B);
    const citeDeal = new BulkInsert(sqlite, "INSERT INTO citations (source_id, locator, deal_id)", `(${sourceId}, '¶1', ?)`, B);
    // Each phase is timed from the end of the one before, or from a `phaseStart` reset.
    let phaseStart = performance.now();
    const phase = (what: string) => {
      o.log(`${what} in ${((performance.now() - phaseStart) / 1000).toFixed(1)} s (CPU so far ${(process.cpuUsage().user / 1e6).toFixed(1)} s).`);
      phaseStart = performance.now();
    };

    // Organizations, their aliases and (for investees and partners) a portfolio position.
    const firstOrg = maxId("organizations") + 1;
    let posId = maxId("positions");
    const investees: { id: number; name: string; slug: string; layer: Layer }[] = [];
    const investors: { id: number; name: string }[] = [];
    const tick = progressMeter("organizations", o.companies, o.progress);
    for (let n = 0; n < o.companies; n++) {
      const org = makeOrg(rng, firstOrg + n, n + 1);
      insOrg.add(
        org.id,
        org.slug,
        org.name,
        org.kind,
        org.country,
        org.kind === "other"
          ? `${org.name} is an investment firm that co-invests in AI companies. Synthetic record for load testing.`
          : `${org.name} is a ${org.segment.label} company in the ${org.layer} layer. Synthetic record for load testing.`,
      );
      citeOrg.add(org.id);
      rows += 2;
      for (const a of org.aliases) insAlias.add(org.id, a);
      rows += org.aliases.length;
      if (org.kind === "portfolio" || org.kind === "partner") {
        const relationship: Relationship = org.kind === "partner" ? "partnership" : rng.weighted(RELATIONSHIP_MIX);
        const status = rng.weighted(STATUS_BY_RELATIONSHIP[relationship]);
        const year = dealYear(rng);
        const since = rng() < 0.15 ? null : rng() < 0.6 ? String(year) : `${year}-${String(rng.int(1, 12)).padStart(2, "0")}`;
        insPos.add(++posId, org.id, org.layer, org.segment.segment, relationship, status, since);
        bump(positionCounts, org.layer, relationship, status, org.segment.segment);
        citePos.add(posId);
        rows += 2;
        investees.push({ id: org.id, name: org.name, slug: slugify(org.name), layer: org.layer });
      } else if (org.kind === "other") {
        investors.push({ id: org.id, name: org.name });
      } else {
        // Competitors invest too, and appear as co-investors.
        investors.push({ id: org.id, name: org.name });
      }
      tick(n + 1);
    }
    for (const b of [insOrg, insAlias, insPos, citeOrg, citePos]) b.flush();
    for (const c of realCompetitors) investors.push(c);
    if (o.deals > 0 && investees.length === 0) throw new Error("--deals needs --companies large enough to create some portfolio companies");
    // The busy company takes busyDeals of the deals, spread evenly over the years (each deal
    // goes to it with probability busyDeals / deals, drawn from a separate generator so the
    // rest of the database is the same as without the option).
    let busy: { id: number; name: string; slug: string; layer: Layer } | null = null;
    if (o.busyCompany && o.busyDeals > 0) {
      const row = sqlite
        .prepare(
          `SELECT o.id, o.name, o.slug, p.layer FROM organizations o JOIN positions p ON p.organization_id = o.id
           WHERE o.slug = ? ORDER BY p.id LIMIT 1`,
        )
        .get(o.busyCompany) as { id: number; name: string; slug: string; layer: Layer } | undefined;
      if (!row) throw new Error(`--busy-company ${o.busyCompany}: no company with a portfolio position has that slug`);
      busy = row;
    }
    const busyRng = createRng(o.seed ^ 0x5bd1e995);
    const busyShare = busy ? o.busyDeals / o.deals : 0;
    let busyLeft = busy ? o.busyDeals : 0;
    phase(`Organizations: ${o.companies.toLocaleString("en-US")} (${investees.length.toLocaleString("en-US")} with a position)`);

    // Deals: some companies draw many rounds and partnerships, most a few (u^1.25 favours
    // the low indexes: the busiest company gets about ten times the average). They are
    // written in date order, so ids run chronologically, as they would in a database fed
    // as news arrives.
    const dealTick = progressMeter("deals", o.deals, o.progress);
    let dealId = maxId("deals");
    let done = 0;
    const perYear = new Array<number>(16).fill(0);
    let undated = 0;
    for (let n = 0; n < o.deals; n++) {
      if (rng() < UNDATED_SHARE) undated++;
      else perYear[dealYear(rng) - 2010]!++;
    }
    // A year's deals in date order: a stable bucket sort by the day of the year (month * 32 +
    // day; a month's or a year's date counts from its first day, as its sort date does), the
    // order a stable sort comparing sort dates gives, without its 17 million string
    // comparisons (~1.5 s).
    const twoDigits = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48;
    const batches: (() => DealShape[])[] = perYear.map((count, i) => () => {
      const year = 2010 + i;
      const byDay: DealShape[][] = Array.from({ length: 13 * 32 }, () => []);
      for (let n = 0; n < count; n++) {
        const shape = dealShape(rng, { year });
        const date = shape.date!;
        if (!date.startsWith(String(year))) throw new Error(`a deal of ${year} dated ${date}`);
        byDay[(date.length >= 7 ? twoDigits(date, 5) : 1) * 32 + (date.length === 10 ? twoDigits(date, 8) : 1)]!.push(shape);
      }
      return byDay.flatMap((day) => day);
    });
    batches.push(() => Array.from({ length: undated }, () => dealShape(rng, "undated")));
    for (const batch of batches) {
      for (const shape of batch()) {
        let target = investees[Math.floor(investees.length * rng() ** 1.25)]!;
        if (busy && busyLeft > 0 && (busyRng() < busyShare || o.deals - done <= busyLeft)) {
          target = busy;
          busyLeft--;
        }
        const who = rng();
        const investor =
          who < 0.6 ? { id: alibabaId, name: alibabaName } : who < 0.72 && units.length ? rng.pick(units) : investors.length ? rng.pick(investors) : { id: alibabaId, name: alibabaName };
        const id = ++dealId;
        insDeal.add(
          id,
          `${target.slug}-${shape.date?.slice(0, 4) ?? "undated"}-${id}`,
          target.id,
          investor.id,
          shape.date,
          shape.datePrecision,
          shape.dateQualifier,
          sortDateOf(shape.date),
          shape.kind,
          shape.status,
          shape.amount,
          shape.currency,
          shape.qualifier,
          shape.stakePercent,
          dealDescription(investor.name, shape.kind, target.name),
        );
        citeDeal.add(id);
        bump(dealCounts, shape.date ? Number(shape.date.slice(0, 4)) : 0, shape.kind, shape.status, target.layer);
        rows += 2;
        if (investors.length > 1 && (shape.kind === "equity-investment" || shape.kind === "rumoured-investment")) {
          const nCo = rng.weighted([[0, 45], [1, 30], [2, 15], [3, 10]] as const);
          const chosen = new Set<number>();
          for (let k = 0; k < nCo * 2 && chosen.size < nCo; k++) {
            const co = rng.pick(investors).id;
            if (co !== investor.id) chosen.add(co);
          }
          for (const co of chosen) insCo.add(id, co);
          rows += chosen.size;
        }
        const terms = dealTermsFor(rng);
        terms.forEach((t, i) => insTerm.add(id, i, t));
        rows += terms.length;
        dealTick(++done);
      }
    }
    for (const b of [insDeal, citeDeal, insCo, insTerm]) b.flush();
    phase(`Deals: ${o.deals.toLocaleString("en-US")}`);

    for (const ix of indexes) sqlite.exec(ix.sql);
    phase(`Rebuilt ${indexes.length} indexes`);

    // Every synthetic position is new and every synthetic deal targets a synthetic company
    // with a position and cites the synthetic source once, so the counts the triggers would
    // have made are the generator's own tallies added to the real data's.
    const addCounts = (sqlText: string, m: Map<string, number>, ...prefix: number[]) => {
      const stmt = sqlite.prepare(sqlText);
      for (const [k, n] of m) stmt.run(...prefix, ...k.split("\0"), n);
    };
    addCounts(
      `INSERT INTO position_counts (layer, relationship, status, segment, companies) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (layer, relationship, status, segment) DO UPDATE SET companies = companies + excluded.companies`,
      positionCounts,
    );
    addCounts(
      `INSERT INTO deal_counts (year, kind, status, layer, deals) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals`,
      dealCounts,
    );
    addCounts(
      `INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals`,
      dealCounts,
      sourceId,
    );
    for (const tr of triggers) sqlite.exec(tr.sql);

    // The name index's triggers (migration 0008) were dropped with the others; the
    // synthetic names and aliases go in set-based, then the full-text index and its typo
    // dictionary are rebuilt so search covers the synthetic rows too. (The global counts and
    // triggers above are not logged: timed from here.)
    phaseStart = performance.now();
    withBulkFtsBuffer(sqlite, ["organization_names"], () => {
      sqlite.exec(`INSERT INTO organization_names (rowid, name, organization_id) SELECT id * 2, name, id FROM organizations WHERE id >= ${firstOrg}`);
      sqlite.exec(
        `INSERT INTO organization_names (rowid, name, organization_id) SELECT id * 2 + 1, alias, organization_id FROM organization_aliases WHERE organization_id >= ${firstOrg}`,
      );
    });
    phase("Name index");
    rebuildSearchIndex(sqlite);
    phase("Full-text index");
    // Recounted, since their triggers were dropped for the load too: distinct facts per
    // source (0009), deals per organization and per organization and source (0013, with the
    // tables packed from them), position kinds (0014), citations of positions (0019), each
    // fact's first dated citation (0020; 0.15 s at 1,000,000 deals).
    refillSummaries(sqlite, ["source_fact_counts", "organization_deal_counts", "organization_deal_source_counts", "position_kind_counts", "position_citation_groups", "fact_first_citations"]);
    phase("Summaries");

    sqlite
      .prepare("INSERT INTO meta (key, value) VALUES ('synthetic', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run(
        JSON.stringify({
          companies: o.companies,
          deals: o.deals,
          seed: o.seed,
          rows,
          ...(busy ? { busyCompany: busy.slug, busyDeals: o.busyDeals } : {}),
        }),
      );
    // A version for the new data, as db:setup and every import write: without one the server
    // gives its answers no validator (lib/http/validators.ts), and the bench's repeat views
    // on a fresh scale database rendered every time.
    writeDataVersion(sqlite);
  })();
  sqlite.pragma("foreign_keys = ON");
  return rows;
}

// ---------------------------------------------------------------------------------------
// CLI

export const SYNTH_USAGE =
  "Usage: npm run db:synth -- --companies N --deals N [--busy-company SLUG --busy-deals N] [--out var/synth.db] [--seed 42] [--quiet]";

export interface SynthArgs {
  companies: number;
  deals: number;
  out: string;
  seed: number;
  busyCompany?: string;
  busyDeals: number;
  quiet: boolean;
}

/** Parses the CLI arguments; throws an Error whose message says what is wrong and how to fix it. */
export function parseSynthArgs(argv: string[]): SynthArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      companies: { type: "string", default: "100000" },
      deals: { type: "string", default: "1000000" },
      out: { type: "string", default: DEFAULT_SYNTH_DB },
      seed: { type: "string", default: "42" },
      "busy-company": { type: "string" },
      "busy-deals": { type: "string", default: "0" },
      quiet: { type: "boolean", short: "q", default: false },
    },
  });
  if (positionals.length) throw new Error(`unexpected argument "${positionals[0]}"`);
  const count = (name: string, raw: string, max: number) => {
    if (!/^\d+$/.test(raw.replace(/_/g, ""))) throw new Error(`--${name} must be a whole number (0 or more), not "${raw}"`);
    const n = Number(raw.replace(/_/g, ""));
    if (!Number.isSafeInteger(n) || n > max) throw new Error(`--${name} must be at most ${max.toLocaleString("en-US")}, not ${raw}`);
    return n;
  };
  const companies = count("companies", values.companies, 10_000_000);
  const deals = count("deals", values.deals, 100_000_000);
  const seed = count("seed", values.seed, 2 ** 32 - 1);
  const busyDeals = count("busy-deals", values["busy-deals"], deals);
  const busyCompany = values["busy-company"]?.trim() || undefined;
  if (busyDeals > 0 && !busyCompany) throw new Error("--busy-deals needs --busy-company SLUG (an existing portfolio company, e.g. unitree)");
  if (deals > 0 && companies < 10) throw new Error("--deals needs --companies of at least 10, so there are companies to invest in");
  const out = values.out.trim();
  if (!out) throw new Error("--out must name a file");
  if (path.resolve(out) === path.resolve("var", "portfolio.db")) {
    throw new Error(`--out ${out} is the real database; write the synthetic one elsewhere (default ${DEFAULT_SYNTH_DB})`);
  }
  return { companies, deals, out, seed, busyCompany, busyDeals, quiet: values.quiet };
}

function main() {
  let args: SynthArgs;
  try {
    args = parseSynthArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`db:synth: ${(err as Error).message}\n${SYNTH_USAGE}`);
    process.exit(2);
  }
  const tty = process.stderr.isTTY;
  const err = (line: string) => process.stderr.write(`${line}\n`);
  const progress = args.quiet
    ? undefined
    : tty
      ? (line: string) => process.stderr.write(`\r\x1b[2K${line}${line.includes("(100%") ? "\n" : ""}`)
      : err;
  try {
    const r = buildSynthDatabase({
      target: args.out,
      companies: args.companies,
      deals: args.deals,
      seed: args.seed,
      busyCompany: args.busyCompany,
      busyDeals: args.busyDeals,
      log: args.quiet ? undefined : err,
      progress,
    });
    const rate = Math.round(r.syntheticRows / r.insertSeconds);
    const perCpu = Math.round(r.syntheticRows / r.insertCpuSeconds);
    const overall = Math.round(r.syntheticRows / r.totalSeconds);
    console.log(`Synthetic database ready at ${r.target}`);
    if (!args.quiet) console.table(r.counts);
    console.log(
      `${r.syntheticRows.toLocaleString("en-US")} synthetic rows (citations included) in ${r.insertSeconds.toFixed(1)} s: ` +
        `${rate.toLocaleString("en-US")} rows/s (${perCpu.toLocaleString("en-US")} per CPU-second); whole command ${r.totalSeconds.toFixed(1)} s (${overall.toLocaleString("en-US")} rows/s).`,
    );
    console.log(
      `RESULT ${JSON.stringify({
        rows: r.syntheticRows,
        insertSeconds: r.insertSeconds,
        insertCpuSeconds: r.insertCpuSeconds,
        totalSeconds: r.totalSeconds,
        rowsPerSecond: rate,
        rowsPerCpuSecond: perCpu,
        overallRowsPerSecond: overall,
      })}`,
    );
    console.log(`Point the app at it: PORTFOLIO_DB=${r.target} npm start`);
  } catch (e) {
    console.error(`db:synth failed: ${(e as Error).message}\n${args.out} is unchanged.`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
