import { formatCount } from "@/lib/domain/money";
import type { ConflictView } from "@/lib/views/records";

/**
 * A conflict's description, or in a past view where some of its claims came out later, a
 * note in its place: the description was written from every claim and names figures the
 * day's sources did not have (the 55 bn and 38 bn of a July article on a day in March), so
 * the claims listed with it, those published by then, say what was disputed that day.
 */
export function ConflictDescription({ conflict, className }: { conflict: ConflictView; className?: string }) {
  if (!conflict.claimsLater) return <p className={className}>{conflict.description}</p>;
  return (
    <p className={className} data-testid="conflict-description-later">
      As the sources published by this day had it: the {formatCount(conflict.claims.length, "claim")} below.{" "}
      {formatCount(conflict.claimsLater, "more claim")} came out later, so today&apos;s description of this disagreement is not shown here.
    </p>
  );
}
