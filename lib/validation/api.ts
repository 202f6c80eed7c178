import { z } from "zod";
import { LAYERS, ORG_KINDS, POSITION_STATUSES, RELATIONSHIPS, SPENDING_KINDS, SPENDING_SCOPES } from "../domain/vocabulary";
import { allowedValues, asofParam, MIN_ASOF, checkYearRange, dealsParamsSchema, isFacet, type ParamProblem, parseParams, portfolioParamsSchema, type RawParams, slugParam } from "./params";

/**
 * Parameters of the read API (`/api/v1/<resource>`): the same names and rules as the
 * pages' filters, plus paging and a format. Unknown parameters are ignored; a repeated or
 * unreadable one is a 400 that names it.
 */

export const API_MAX_LIMIT = 500;

const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,8}$/, "a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min, `at least ${min}`).max(max, `at most ${max}`));

const common = {
  limit: intParam(1, API_MAX_LIMIT),
  offset: intParam(0, 10_000_000),
  format: z.enum(["json", "csv"]),
  asof: asofParam,
};

export const API_RESOURCES = {
  organizations: {
    description: "Every organization named in the sources, with aliases and its position in the portfolio when it has one.",
    params: {
      ...common,
      kind: z.enum(ORG_KINDS),
      layer: z.enum(LAYERS),
      relationship: z.enum(RELATIONSHIPS),
      status: z.enum(POSITION_STATUSES),
      q: portfolioParamsSchema.q,
    },
    example: "/api/v1/organizations?kind=competitor",
  },
  positions: {
    description: "Alibaba's portfolio: each company's layer, segment, relationship and status.",
    params: {
      ...common,
      // The portfolio page's own filters, so a page's link pulls the same rows here.
      layer: portfolioParamsSchema.layer,
      relationship: portfolioParamsSchema.relationship,
      status: portfolioParamsSchema.status,
      segment: slugParam,
      q: portfolioParamsSchema.q,
    },
    example: "/api/v1/positions?layer=application&status=listing-in-progress",
  },
  deals: {
    description: "Investments, acquisitions, joint ventures, partnerships and rumours, with co-investors and terms.",
    params: {
      ...common,
      // The deals page's own filters, for the same reason.
      layer: dealsParamsSchema.layer,
      kind: dealsParamsSchema.kind,
      status: dealsParamsSchema.status,
      from: dealsParamsSchema.from,
      to: dealsParamsSchema.to,
      organization: slugParam,
      q: portfolioParamsSchema.q,
    },
    example: "/api/v1/deals?status=denied",
  },
  financials: {
    description: "Figures about companies: revenue, losses, financing, output, market share, share-price moves.",
    params: { ...common, organization: slugParam, metric: slugParam },
    example: "/api/v1/financials?organization=zebra-network",
  },
  spending: {
    description: "Capex and AI-spending statements by Alibaba and its competitors: pledge, plan or reported spending.",
    params: {
      ...common,
      scope: z.enum(SPENDING_SCOPES),
      kind: z.enum(SPENDING_KINDS),
      organization: slugParam,
      from: dealsParamsSchema.from,
      to: dealsParamsSchema.to,
    },
    example: "/api/v1/spending?kind=pledge",
  },
  sources: {
    description: "The articles the database is built from, with what each contributed.",
    params: { ...common },
    example: "/api/v1/sources",
  },
  conflicts: {
    description: "Every disagreement between the sources, with each claim and where it comes from.",
    params: { ...common, organization: slugParam },
    example: "/api/v1/conflicts?organization=alibaba",
  },
} as const;

export type ApiResource = keyof typeof API_RESOURCES;
export const resourceParam = z.enum(Object.keys(API_RESOURCES) as [ApiResource, ...ApiResource[]]);

export type ApiParams = {
  limit?: number;
  offset?: number;
  format?: "json" | "csv";
  [key: string]: unknown;
};

export function parseApiParams(resource: ApiResource, raw: RawParams): { ok: true; data: ApiParams } | { ok: false; problems: ParamProblem[] } {
  const r = parseParams(API_RESOURCES[resource].params, raw);
  const problems = [...(r.ok ? [] : r.problems), ...checkYearRange(r.data as { from?: number; to?: number })];
  return problems.length ? { ok: false, problems } : { ok: true, data: r.data as ApiParams };
}

/**
 * A value of each free-form parameter that finds something in the curated data, so every
 * example on /api answers with records (tests/e2e/api.spec.ts follows each one).
 */
export const PARAM_EXAMPLES: Record<string, string> = {
  from: "2023",
  to: "2025",
  q: "moonshot",
  segment: "chips",
  organization: "unitree",
  metric: "net-loss",
};

/**
 * Where a resource needs another value to find records: Unitree states figures, not
 * spending, and the sources disagree about Alibaba's figures, not Unitree's.
 */
const RESOURCE_EXAMPLES: Partial<Record<ApiResource, Record<string, string>>> = {
  spending: { organization: "alibaba" },
  conflicts: { organization: "alibaba" },
};

/** What a free-form parameter takes, in words, for the /api page and 400 bodies. */
const FREE_FORM: Record<string, string> = {
  limit: `1-${API_MAX_LIMIT} (default 100)`,
  offset: "0 or more (default 0)",
  from: "a year",
  to: "a year",
  q: "text, up to 80 characters; matches names and aliases",
  segment: "a segment's slug",
  organization: "an organization's slug",
  metric: "a metric's slug",
  asof: `a day, YYYY-MM-DD, from ${MIN_ASOF} to today: the record as the sources published by then had it`,
};

/** The parameter names and allowed values of a resource, for the /api page and 400 bodies. */
export function describeParams(resource: ApiResource): { name: string; allowed: string; example?: string }[] {
  return Object.entries(API_RESOURCES[resource].params).map(([name, schema]) => {
    const values = allowedValues(schema);
    return {
      name,
      allowed: values
        ? `${values.join(" | ")}${isFacet(schema) ? ' (several: "a,b" keeps either; "-a" leaves a out)' : ""}`
        : (FREE_FORM[name] ?? "see the example"),
      example: values || name === "limit" || name === "offset" || name === "asof" ? undefined : (RESOURCE_EXAMPLES[resource]?.[name] ?? PARAM_EXAMPLES[name]),
    };
  });
}
