import Link from "next/link";
import { LayerChip, RelationshipBadge, StatusBadge } from "@/components/badges";
import { listLayers, listPortfolio } from "@/lib/queries/portfolio";

export default async function OverviewPage() {
  const [layers, companies] = await Promise.all([listLayers(), listPortfolio()]);
  return (
    <>
      <header className="page-header">
        <h1>Alibaba&apos;s AI portfolio</h1>
        <p>Companies Alibaba owns, backs or works with, by layer of the AI stack.</p>
      </header>
      {layers.map((layer) => (
        <section key={layer.slug} className={`band layer-${layer.slug}`} data-testid={`layer-${layer.slug}`}>
          <header>
            <h2>{layer.name}</h2>
            <LayerChip layer={layer.slug} />
            <span className="muted">{layer.companyCount} companies</span>
          </header>
          <p className="muted">{layer.description}</p>
          <ul className="tiles">
            {companies
              .filter((c) => c.layer === layer.slug)
              .map((c) => (
                <li key={c.slug} className="tile" data-testid="company-tile">
                  <Link href={`/companies/${c.slug}`}>{c.name}</Link>
                  <div className="meta">
                    <RelationshipBadge relationship={c.relationship} />
                    <StatusBadge status={c.status} />
                  </div>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}
