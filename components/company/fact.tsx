import type { ReactNode } from "react";
import { SourceRefs } from "@/components/source-refs";
import type { CitationView } from "@/lib/views/records";
import type { SectionSourceIndex } from "@/lib/views/section-sources";

/** One term of a profile list with its value and numbered links to the sources that state it. */
export function Fact({ term, children, citations, sources, label, testId }: { term: string; children: ReactNode; citations: CitationView[]; sources: SectionSourceIndex; label: string; testId?: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd data-testid={testId}>
        {children} <SourceRefs index={sources} citations={citations} label={label} />
      </dd>
    </>
  );
}
