"use client";

import { AppLink } from "@/components/app-link";

/** Shown instead of a stack trace; the digest lets us find the server log line. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="notice error" role="alert" data-testid="error-page">
      <h1>Something went wrong on our side</h1>
      <p>
        This page could not be shown. Nothing you did caused it; trying again often helps.
        {error.digest ? <> Reference: <code>{error.digest}</code>.</> : null}
      </p>
      <p>
        <button type="button" onClick={reset}>
          Try again
        </button>{" "}
        <AppLink href="/">Back to the overview</AppLink>
      </p>
    </div>
  );
}
