import { AppLink } from "@/components/app-link";
import { formatCount, formatNumber } from "@/lib/domain/money";
import { LayerChip, RelationshipBadge, StatusBadge } from "@/components/badges";
import { segmentLabel } from "@/lib/domain/words";
import type { LayerSummary, PortfolioTile, SegmentCount } from "@/lib/views/records";
import styles from "./portfolio.module.css";
import { type PortfolioState, portfolioHref } from "@/lib/views/portfolio-url";
import { distinctAliases } from "@/lib/domain/words";
import { withAsof } from "@/lib/views/url";

/** The segments a layer's band draws, in the map's order, each with its tiles. */
function segmentsOf(layer: string, companies: PortfolioTile[], segments: SegmentCount[] | undefined): { segment: string; companies: number; members: PortfolioTile[] }[] {
  const inLayer = companies.filter((c) => c.layer === layer);
  const members = (segment: string) => inLayer.filter((c) => c.segment === segment);
  if (segments) return segments.filter((s) => s.layer === layer).map((s) => ({ segment: s.segment, companies: s.companies, members: members(s.segment) }));
  return [...new Set(inLayer.map((c) => c.segment))].map((segment) => {
    const all = members(segment);
    return { segment, companies: all.length, members: all };
  });
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
 * Layers with nothing in the current selection are left out rather than shown empty.
 *
 * When the selection holds more companies than the map draws, `segments` gives every
 * segment of the selection with its number of companies, and the tiles are a few of each
 * (dealt by lib/domain/map-tiles): each band and segment heading then says how many it
 * draws of how many, and each heading links to its segment, where the table view pages
 * through all of them. A segment none of whose companies were drawn (more segments than
 * tiles) still gets its heading and link.
 */
export function PortfolioMap({
  layers,
  companies,
  state,
  segments,
}: {
  layers: LayerSummary[];
  companies: PortfolioTile[];
  state: PortfolioState;
  segments?: SegmentCount[];
}) {
  return (
    <div data-testid="portfolio-map">
      {layers.map((layer) => {
        const bands = segmentsOf(layer.slug, companies, segments);
        const all = bands.reduce((sum, s) => sum + s.companies, 0);
        if (all === 0) return null;
        const shown = bands.reduce((sum, s) => sum + s.members.length, 0);
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
                {shown < all ? `, ${formatNumber(shown)} shown` : null}
              </span>
            </header>
            <p className={`muted ${styles.bandText}`}>{layer.description}</p>
            <div className={`segments ${styles.segments}`}>
              {bands.map(({ segment, companies: count, members }) => (
                <section key={segment} className={`segment ${styles.segment}`} data-testid="segment" data-segment={segment} data-count={count}>
                  <h3>
                    <AppLink href={portfolioHref(state, { segment })} className={styles.segmentLink}>
                      {segmentLabel(segment)}
                    </AppLink>{" "}
                    <span className={styles.segmentCount} data-testid="segment-count">
                      ({members.length < count ? `${formatNumber(members.length)} of ${formatNumber(count)} shown` : formatNumber(count)})
                    </span>
                  </h3>
                  {members.length ? (
                    <ul className="tiles">
                      {members.map((c) => (
                        <CompanyTile key={c.slug} company={c} asof={state.asof} />
                      ))}
                    </ul>
                  ) : null}
                </section>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
