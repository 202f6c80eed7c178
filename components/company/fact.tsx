import type { ReactNode } from "react";
import { SourcesBadge } from "@/components/sources-badge";
import type { CitationView } from "@/lib/views/records";

/** One term of a profile list with its value and the sources that state it. */
export function Fact({ term, children, citations, label, testId }: { term: string; children: ReactNode; citations: CitationView[]; label: string; testId?: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd data-testid={testId}>
        {children} <SourcesBadge citations={citations} label={label} />
      </dd>
    </>
  );
}
