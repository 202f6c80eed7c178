import { z } from "zod";
import { type FacetSelection, splitFacet } from "@/lib/domain/facets";
import { CAPEX_CURRENCIES, DEAL_KINDS, DEAL_STATUSES, LAYERS, POSITION_STATUSES, RELATIONSHIPS, SPENDING_KINDS, SPENDING_SCOPES } from "../domain/vocabulary";

/**
 * Search and route parameters for every page and API route. Each parser takes the raw
 * `searchParams` object Next hands a page and never throws: it returns the typed filters
 * or a list of problems, each naming the parameter and what is allowed.
 */

export type RawParams = Record<string, string | string[] | undefined>;

export interface ParamProblem {
  param: string;
  message: string;
  allowed?: readonly string[];
}

export type ParseResult<T> = { ok: true; data: T } | { ok: false; problems: ParamProblem[]; data: T };

export const MAX_SEARCH_LENGTH = 80;
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

/** NFKC-normalised, control and format characters removed, whitespace collapsed. */
export function cleanText(value: string): string {
  return value
    .normalize("NFKC")
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

const searchText = z
  .string()
  .transform(cleanText)
  .pipe(z.string().max(MAX_SEARCH_LENGTH, `at most ${MAX_SEARCH_LENGTH} characters`))
  .transform((v) => (v === "" ? undefined : v));

const year = z
  .string()
  .regex(/^\d{4}$/, "a four-digit year")
  .transform(Number)
  .pipe(z.number().int().min(MIN_YEAR, `from ${MIN_YEAR}`).max(MAX_YEAR, `up to ${MAX_YEAR}`));

export const slugParam = z
  .string()
  .max(80, "at most 80 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case letters, digits and hyphens");

const positiveInt = (max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, "a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1, "at least 1").max(max, `at most ${max}`));

const enumOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values);

/**
 * A multi-value filter (lib/domain/facets.ts): "a,b" keeps either, "-a" leaves a out. Each
 * value must be one of the allowed ones; a value both kept and left out is a problem.
 */
const facetOf = <T extends readonly [string, ...string[]]>(values: T) => {
  const item = z.enum(values);
  return z
    .string()
    .max(400, "at most 400 characters")
    .transform((raw, ctx) => {
      const sel: FacetSelection<T[number]> = { in: [], out: [] };
      for (const [i, p] of splitFacet(raw).entries()) {
        const v = item.safeParse(p.value);
        if (!v.success) {
          // Quote a value back only when it looks like a value (a word with dashes): anything
          // else is named by its position, so a crafted link cannot put its text on our page.
          const named = /^[a-z0-9][a-z0-9-]{0,39}$/i.test(p.value) ? `"${p.value}"` : `value ${i + 1}`;
          ctx.addIssue({ code: "custom", message: `${named} is not one of the allowed values (a leading "-" leaves a value out)` });
          return z.NEVER;
        }
        const list = p.exclude ? sel.out : sel.in;
        if (!list.includes(v.data)) list.push(v.data);
      }
      if (sel.in.some((v) => sel.out.includes(v))) {
        ctx.addIssue({ code: "custom", message: "a value is both kept and left out" });
        return z.NEVER;
      }
      return sel.in.length || sel.out.length ? sel : undefined;
    });
};
const facetValues = new WeakMap<z.ZodType, readonly string[]>();
/** Whether a parameter takes several values ("a,b", "-a"), for the API's description of it. */
export const isFacet = (schema: z.ZodType) => facetValues.has(schema);
const facet = <T extends readonly [string, ...string[]]>(values: T) => {
  const schema = facetOf(values);
  facetValues.set(schema, values);
  return schema;
};

const view = z.enum(["map", "table"]);

/** The earliest "as of" date: the record starts with the articles, and nothing before 2000 is in it. */
export const MIN_ASOF = "2000-01-01";

const today = () => new Date().toISOString().slice(0, 10);

/**
 * `asof=YYYY-MM-DD`: the record as the sources published by that day had it. A real
 * calendar day from 2000 up to today; a later day would be a view of sources not yet
 * written.
 */
export const asofParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD, e.g. 2025-02-10")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, "not a date on the calendar")
  .refine((v) => v >= MIN_ASOF, `from ${MIN_ASOF} on`)
  .refine((v) => v <= today(), "in the future: give today's date or an earlier one");

export const asofParamsSchema = { asof: asofParam };

export const portfolioParamsSchema = {
  layer: facet(LAYERS),
  relationship: facet(RELATIONSHIPS),
  status: facet(POSITION_STATUSES),
  segment: slugParam,
  q: searchText,
  view,
  page: positiveInt(100_000),
  asof: asofParam,
};

/** Columns the deals table sorts by; a leading "-" sorts descending. */
export const DEAL_SORTS = ["date", "company", "layer", "kind", "status", "amount", "usd"] as const;
export type DealSort = (typeof DEAL_SORTS)[number];
const dealSort = z.enum([...DEAL_SORTS, ...DEAL_SORTS.map((s) => `-${s}` as const)] as [string, ...string[]]);

export const dealsParamsSchema = {
  layer: facet(LAYERS),
  kind: facet(DEAL_KINDS),
  status: facet(DEAL_STATUSES),
  from: year,
  to: year,
  q: searchText,
  page: positiveInt(100_000),
  view: z.enum(["timeline", "table"]),
  sort: dealSort,
  asof: asofParam,
};

export const capexParamsSchema = {
  /** "comparable" (the default): Alibaba beside each competitor's closest figure; "scope": every figure, grouped strictly by scope. */
  group: z.enum(["comparable", "scope"]),
  mode: z.enum(["stated", "annual"]),
  currency: z.enum(CAPEX_CURRENCIES),
  scope: z.enum(["all", ...SPENDING_SCOPES]),
  kind: enumOf(SPENDING_KINDS),
  asof: asofParam,
};

export const searchParamsSchema = {
  q: searchText,
  asof: asofParam,
};

type Shape = Record<string, z.ZodType>;
type Parsed<S extends Shape> = { [K in keyof S]?: z.output<S[K]> };

/** The values an enum or multi-value filter takes (undefined for free-form parameters). */
export function allowedValues(schema: z.ZodType): readonly string[] | undefined {
  return schema instanceof z.ZodEnum ? (schema.options as string[]) : facetValues.get(schema);
}

/**
 * Parses the parameters a shape knows; ignores others (tracking tags, cache busters).
 * A repeated parameter is a problem, not "take the first": a link that says two things
 * should not silently mean one of them.
 */
export function parseParams<S extends Shape>(shape: S, raw: RawParams): ParseResult<Parsed<S>> {
  const data: Parsed<S> = {};
  const problems: ParamProblem[] = [];
  for (const key of Object.keys(shape) as (keyof S & string)[]) {
    const value = raw[key];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      problems.push({ param: key, message: "given more than once; give it once", allowed: allowedValues(shape[key]!) });
      continue;
    }
    if (value === "") continue;
    const schema = shape[key]!;
    const result = schema.safeParse(value);
    if (result.success) {
      if (result.data !== undefined) data[key] = result.data as Parsed<S>[typeof key];
    } else {
      const allowed = allowedValues(shape[key]!);
      problems.push({
        param: key,
        message: allowed && schema instanceof z.ZodEnum ? "not one of the allowed values" : (result.error.issues[0]?.message ?? "not valid"),
        allowed,
      });
    }
  }
  return problems.length ? { ok: false, problems, data } : { ok: true, data };
}

/** Cross-field rules that the shapes cannot state alone. */
export function checkYearRange(data: { from?: number; to?: number }): ParamProblem[] {
  return data.from !== undefined && data.to !== undefined && data.from > data.to
    ? [{ param: "from", message: `the start year ${data.from} is after the end year ${data.to}` }]
    : [];
}

export const parsePortfolioParams = (raw: RawParams) => parseParams(portfolioParamsSchema, raw);
export const parseDealsParams = (raw: RawParams) => {
  const result = parseParams(dealsParamsSchema, raw);
  const range = checkYearRange(result.data);
  return range.length ? { ok: false as const, problems: [...(result.ok ? [] : result.problems), ...range], data: result.data } : result;
};
export const parseCapexParams = (raw: RawParams) => parseParams(capexParamsSchema, raw);
/** /changes: between two days (by source date), or one import's revision. */
export const changesParamsSchema = {
  from: asofParam,
  to: asofParam,
  revision: positiveInt(10_000_000),
  asof: asofParam,
};
export const parseChangesParams = (raw: RawParams) => {
  const result = parseParams(changesParamsSchema, raw);
  const { from, to } = result.data;
  return from && to && from > to
    ? { ok: false as const, problems: [...(result.ok ? [] : result.problems), { param: "from", message: `the start day ${from} is after the end day ${to}` }], data: result.data }
    : result;
};

/** Every other page and route: only `asof` is theirs to read. */
export const parseAsofParams = (raw: RawParams) => parseParams(asofParamsSchema, raw);

/**
 * The tables each page's download route (app/…/download/route.ts) serves, by its `table`
 * parameter; the route also reads its page's own parameters. /capex has one table per view,
 * so its route reads only the page's parameters.
 */
export const OVERVIEW_TABLES = ["pledge", "portfolio", "competitors", "recent-deals"] as const;
export const SOURCES_TABLES = ["conflicts", "fx-rates"] as const;
/** `financial-chart` is one chart of a company's financial figures, named by `chart` (its metric and unit, "revenue-cny"). */
export const COMPANY_TABLES = ["deals", "deals-joined", "financials", "spending", "financial-chart"] as const;
/** /deals/download: every deal of the selection (the default), or the deals-per-year chart's rows. */
export const DEALS_TABLES = ["deals", "per-year"] as const;

const withTable = <T extends readonly [string, ...string[]]>(tables: T) => ({ table: z.enum(tables) });

/** A download route's parameters; `table` must be given unless the route has a default. */
function parseDownloadParams<S extends Shape & { table: z.ZodType }>(shape: S, raw: RawParams, required = true): ParseResult<Parsed<S>> {
  const result = parseParams(shape, raw);
  if (!required || (raw.table !== undefined && raw.table !== "")) return result;
  const missing: ParamProblem = { param: "table", message: "missing: name the table to download", allowed: allowedValues(shape.table) };
  return { ok: false, problems: [...(result.ok ? [] : result.problems), missing], data: result.data };
}

export const parseOverviewDownloadParams = (raw: RawParams) => parseDownloadParams({ ...withTable(OVERVIEW_TABLES), ...asofParamsSchema }, raw);
export const parseSourcesDownloadParams = (raw: RawParams) => parseDownloadParams({ ...withTable(SOURCES_TABLES), ...asofParamsSchema }, raw);
export const parseCompanyDownloadParams = (raw: RawParams) => {
  const result = parseDownloadParams({ ...withTable(COMPANY_TABLES), chart: slugParam, ...asofParamsSchema }, raw);
  const { table, chart } = result.data;
  const problem: ParamProblem | null =
    table === "financial-chart" && !chart
      ? { param: "chart", message: "missing: name the chart (its metric and unit, as in revenue-cny)" }
      : table !== undefined && table !== "financial-chart" && chart
        ? { param: "chart", message: "only read with table=financial-chart" }
        : null;
  return problem ? { ok: false as const, problems: [...(result.ok ? [] : result.problems), problem], data: result.data } : result;
};
export const parseDealsDownloadParams = (raw: RawParams) => {
  const table = parseDownloadParams(withTable(DEALS_TABLES), raw, false);
  const deals = parseDealsParams(raw);
  return table.ok && deals.ok
    ? { ok: true as const, data: { ...deals.data, ...table.data } }
    : { ok: false as const, problems: [...(table.ok ? [] : table.problems), ...(deals.ok ? [] : deals.problems)], data: { ...deals.data, ...table.data } };
};

export type PortfolioParams = Parsed<typeof portfolioParamsSchema>;
export type DealsParams = Parsed<typeof dealsParamsSchema>;

/**
 * The one table of page -> parser. Each page and its CSV route call their parser from
 * here; the proxy looks a path up here to answer an unreadable link with a 400.
 */
export const PAGE_PARSERS: Readonly<Record<string, (raw: RawParams) => { ok: boolean }>> = {
  "/portfolio": parsePortfolioParams,
  "/deals": parseDealsParams,
  "/capex": parseCapexParams,
  "/changes": parseChangesParams,
};

/**
 * The parameters each page reads: what a form that changes only one of them (the header's
 * date control) carries over. Anything else in the URL is not the page's and is dropped.
 */
export const PAGE_PARAM_NAMES: Readonly<Record<string, readonly string[]>> = {
  "/portfolio": Object.keys(portfolioParamsSchema),
  "/deals": Object.keys(dealsParamsSchema),
  "/capex": Object.keys(capexParamsSchema),
  "/changes": Object.keys(changesParamsSchema),
  "/search": Object.keys(searchParamsSchema),
};

/** A URL's query string in the shape the parsers take (a repeated key becomes a list). */
export function rawParams(url: URL): RawParams {
  const raw: RawParams = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  return raw;
}
