import { formatPartialDate } from "./words";
import { formatNumber } from "./money";

export const ORG_KIND_LABELS: Record<string, string> = {
  alibaba: "Alibaba Group (the investor)",
  "alibaba-unit": "Alibaba business unit",
  portfolio: "Portfolio company",
  partner: "Partner",
  competitor: "Competitor",
  other: "Other organization named in the sources",
};

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

export function countryName(code: string | null): string {
  if (!code) return "Not given";
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** A deal's date at the precision the source gave it; quarters read as quarters. */
export function dealDate(date: string | null, precision: string, qualifier: string): string {
  if (date && precision === "quarter") {
    const [y, m] = date.split("-");
    const quarter = m ? `Q${Math.ceil(Number(m) / 3)} ${y}` : y!;
    return qualifier === "exact" ? quarter : formatPartialDate(y!, qualifier).replace(y!, quarter);
  }
  return formatPartialDate(date, qualifier);
}

export function stakeText(stake: number | null): string | null {
  return stake === null ? null : `${formatNumber(stake)}%`;
}
