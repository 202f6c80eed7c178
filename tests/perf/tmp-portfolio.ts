import { countPortfolio, listLayers, listPortfolio, listSegments, portfolioFacets, portfolioMap, positionKindGroups, portfolioByLayerAndRelationship } from "@/lib/db/queries/portfolio";
const t = <T,>(label: string, f: () => T): T => {
  let r!: T;
  for (let i = 0; i < 2; i++) { const s = performance.now(); r = f(); if (i) console.log(label, (performance.now() - s).toFixed(1), "ms"); }
  return r;
};
for (const asof of ["2026-11-01", undefined]) {
  console.log("--", asof);
  t("kindGroups", () => positionKindGroups(asof));
  t("segments", () => listSegments(asof));
  t("map", () => portfolioMap({ asof }, 200));
  t("count", () => countPortfolio({ asof }));
  t("layers", () => listLayers(asof));
  t("facets", () => portfolioFacets({ asof }));
  t("list", () => listPortfolio({ asof }, { limit: 50 }));
  t("layerRel", () => portfolioByLayerAndRelationship(asof));
}
