import type { Metadata } from "next";
import { CapexComparison } from "@/app/capex/_widgets/capex-comparison";
import { ParamProblems } from "@/components/param-problems";
import { capexSelection } from "@/lib/views/capex";
import { parseCapexParams, type RawParams } from "@/lib/validation/params";

export const metadata: Metadata = {
  title: "Capex",
  description: "Alibaba's 380 bn yuan pledge and its reported spending against the capex of its competitors, as stated or per year, in US dollars or yuan.",
};

export default async function CapexPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const parsed = parseCapexParams(await searchParams);
  return (
    <>
      <header className="page-header">
        <h1>Capex: Alibaba against its competitors</h1>
        <p>
          Alibaba&apos;s pledge per year beside each competitor&apos;s closest comparable figure, every bar saying what it
          covers and how its scope and period differ; or every pledge, plan and reported figure grouped strictly by scope,
          as stated or per year, in US dollars or yuan.
        </p>
      </header>
      {parsed.ok ? (
        // Not in a Suspense boundary: the toggles, chart, table and conflicts are in the first
        // HTML, readable without JavaScript (see app/page.tsx).
        <CapexComparison selection={capexSelection(parsed.data)} />
      ) : (
        // The proxy has already set HTTP 400 for this URL; the page explains why.
        <ParamProblems problems={parsed.problems} resetHref="/capex" />
      )}
    </>
  );
}
