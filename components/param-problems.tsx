import { AppLink } from "@/components/app-link";
import type { ParamProblem } from "@/lib/validation/params";

/** What a page shows for a link it cannot read: which parameter, what is allowed, a way out. */
export function ParamProblems({ problems, resetHref }: { problems: ParamProblem[]; resetHref: string }) {
  return (
    <div className="notice error" role="alert" data-testid="param-problems">
      <h2>This link has a filter we cannot read</h2>
      <ul>
        {problems.map((p, i) => (
          <li key={`${p.param}-${i}`}>
            <code>{p.param}</code>: {p.message}
            {p.allowed ? <> (allowed: {p.allowed.map((a) => <code key={a}>{a} </code>)})</> : null}
          </li>
        ))}
      </ul>
      <p>
        <AppLink href={resetHref}>Show everything without filters</AppLink>
      </p>
    </div>
  );
}
