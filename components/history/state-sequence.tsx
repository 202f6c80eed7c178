import { formatPartialDate, LIFECYCLE_LABELS } from "@/lib/domain/words";
import type { LifecycleState } from "@/lib/domain/vocabulary";
import type { HistoryStep } from "@/lib/views/records";
import { withAsof } from "@/lib/views/url";

/** A state's date at the precision its source gives, or the day it counts from when the source gives none. */
function stepDate(h: HistoryStep): string {
  return h.date ? formatPartialDate(h.date, h.dateQualifier) : `date not given, known from ${formatPartialDate(h.knownFrom)}`;
}

function SourceLink({ step, asof }: { step: HistoryStep; asof?: string }) {
  return (
    <a href={`${withAsof("/sources", asof)}#${step.source.slug}`} data-testid="history-source">
      {step.source.title}, {step.source.locator}
    </a>
  );
}

/**
 * The states of a deal or a position in order (reported → denied, guidance → application),
 * each with its date and source. The company page lists every subject with its notes; a
 * deal card passes one deal's steps with `compact`, read as one line with arrows.
 */
export function StateSequence({ steps, asof, compact = false }: { steps: HistoryStep[]; asof?: string; compact?: boolean }) {
  if (compact) {
    return (
      <ol className="history" data-testid="status-history" aria-label="States in order" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {steps.map((h, i) => (
          <li key={i} data-testid="history-step" data-state={h.state} data-subject={`${h.subject}:${h.slug}`} style={{ display: "inline" }}>
            {i > 0 ? <span aria-hidden="true"> → </span> : null}
            <strong>{LIFECYCLE_LABELS[h.state as LifecycleState] ?? h.state}</strong> {stepDate(h)}{" "}
            <small>
              (<SourceLink step={h} asof={asof} />)
            </small>
          </li>
        ))}
      </ol>
    );
  }
  return (
    <ol className="history" data-testid="status-history">
      {steps.map((h, i) => (
        <li key={i} data-testid="history-step" data-state={h.state} data-subject={`${h.subject}:${h.slug}`}>
          <strong>{LIFECYCLE_LABELS[h.state as LifecycleState] ?? h.state}</strong>{" "}
          {h.subject === "deal" ? <>(deal <code>{h.slug}</code>)</> : "(position)"}: {stepDate(h)}. {h.note}{" "}
          <small>
            Source: <SourceLink step={h} asof={asof} />
          </small>
        </li>
      ))}
    </ol>
  );
}
