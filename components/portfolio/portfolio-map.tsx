import { AppLink } from "@/components/app-link";
import { formatCount, formatNumber } from "@/lib/domain/money";
import { LayerChip, RelationshipBadge, StatusBadge } from "@/components/badges";
import { segmentLabel } from "@/lib/domain/words";
import type { LayerSummary, PortfolioTile } from "@/lib/views/records";
import styles from "./portfolio.module.css";
import { type PortfolioState, portfolioHref } from "@/lib/views/portfolio-url";
import { distinctAliases } from "@/lib/domain/words";
import { facetPasses, parseFacetText } from "@/lib/domain/facets";
import { withAsof } from "@/lib/views/url";

function groupBySegment(companies: PortfolioTile[]): [string, PortfolioTile[]][] {
  const groups = new Map<string, PortfolioTile[]>();
  for (const c of companies) {
    const group = groups.get(c.segment);
    if (group) group.push(c);
    else groups.set(c.segment, [c]);
  }
  return [...groups];
}

function CompanyTile({ company: c, asof }: { company: PortfolioTile; asof?: string }) {
  const aliases = distinctAliases(c.name, c.aliases);
  return (
    <li className="tile" data-testid="company-tile" data-slug={c.slug}>
      <AppLink href={withAsof(`/companies/${c.slug}`, asof)}>
        {c.name}
      </AppLink>
      {aliases.length ? (
        <small className={styles.aliases} data-testid="tile-aliases">
          {aliases.join(" · ")}
        </small>
      ) : null}
      <div className="meta">
        <RelationshipBadge relationship={c.relationship} />
        <StatusBadge status={c.status} />
      </div>
    </li>
  );
}

/**
 * The portfolio as the stack it is built on: one band per layer, bottom-up as the
 * sources describe it (basic, technology, application), segments inside, a tile per company.
 * Layers with nothing in the current selection are left out rather than shown empty. When
 * the map holds only the selection's first tiles (`layerCounts`: each layer's companies in
 * the whole selection, the layer facet's counts), a band says how many it shows of how many,
 * and a selected layer none of whose companies made the first tiles still gets its band,
 * with a link to it: on the scale database the first 100 tiles were all chips, and the
 * technology and application layers were simply missing.
 */
export function PortfolioMap({
  layers,
  companies,
  state,
  layerCounts,
}: {
  layers: LayerSummary[];
  companies: PortfolioTile[];
  state: PortfolioState;
  layerCounts?: Record<string, number>;
}) {
  const chosen = parseFacetText(state.layer);
  return (
    <div data-testid="portfolio-map">
      {layers.map((layer) => {
        const inLayer = companies.filter((c) => c.layer === layer.slug);
        const all = layerCounts && facetPasses(layer.slug, chosen) ? (layerCounts[layer.slug] ?? 0) : inLayer.length;
        if (all === 0) return null;
        const partial = all > inLayer.length;
        return (
          <section
            key={layer.slug}
            className={`band layer-${layer.slug} ${styles.band} ${styles[`band-${layer.slug}`] ?? ""}`}
            data-testid={`band-${layer.slug}`}
            aria-labelledby={`band-${layer.slug}-title`}
          >
            <header>
              <h2 id={`band-${layer.slug}-title`}>{layer.name}</h2>
              <LayerChip layer={layer.slug} />
              <span className="muted" data-testid="layer-count" data-count={all}>
                {formatCount(all, "company", "companies")}
                {partial && inLayer.length > 0 ? `, ${formatNumber(inLayer.length)} shown` : null}
              </span>
            </header>
            <p className={`muted ${styles.bandText}`}>{layer.description}</p>
            {inLayer.length === 0 ? (
              <p data-testid="layer-not-shown">
                None of them is among the first tiles of this selection.{" "}
                <AppLink href={portfolioHref(state, { layer: layer.slug, segment: null })}>Show the {layer.name.toLowerCase()} alone</AppLink>
              </p>
            ) : null}
            <div className={`segments ${styles.segments}`}>
              {groupBySegment(inLayer).map(([segment, members]) => (
                <section key={segment} className={`segment ${styles.segment}`} data-testid="segment" data-segment={segment}>
                  <h3>
                    <AppLink href={portfolioHref(state, { segment })} className={styles.segmentLink}>
                      {segmentLabel(segment)}
                    </AppLink>{" "}
                    <span className={styles.segmentCount}>({formatNumber(members.length)}{partial ? " shown" : ""})</span>
                  </h3>
                  <ul className="tiles">
                    {members.map((c) => (
                      <CompanyTile key={c.slug} company={c} asof={state.asof} />
                    ))}
                  </ul>
                </section>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
