"use client";

import { useState, useSyncExternalStore } from "react";

/**
 * The header's day field: plain text until a reader points at it, touches it or tabs to it,
 * then the browser's native date field, before the click, tap or key lands on it.
 *
 * Why not a date field from the start: it sits before the content on every page, and Chromium
 * builds its date editor while parsing the HTML (about 15 ms more parsing and 8 ms more style
 * work than a text field on this project's machine). The first paint then stopped at the
 * header, and the page's heading and lead paragraph came a paint later, after the framework's
 * scripts had started: the largest text was in the first paint in 4 of 30 phone loads of five
 * pages, against 29 of 30 with the text field (tests/perf/README.md, "The header's date field").
 *
 * Without JavaScript the text field is what a reader gets: a day typed as YYYY-MM-DD, checked
 * by the pattern here and again by the server (an impossible day gets the 400 page). Once the
 * page is live the hint stops naming that order: the field it turns into takes the day in the
 * browser's own order (month first in US English), and a reader who followed "yyyy-mm-dd"
 * there typed the year into the month.
 */
export function AsOfDateField({ id, value, min, max }: { id: string; value: string; min: string; max: string }) {
  const [picker, setPicker] = useState(false);
  const turn = () => setPicker(true);
  // False in the server's HTML and while hydrating, true once scripts run.
  const live = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return (
    <input
      id={id}
      name="asof"
      type={picker ? "date" : "text"}
      defaultValue={value}
      min={min}
      max={max}
      pattern="\d{4}-\d{2}-\d{2}"
      placeholder={live ? "pick a day" : "yyyy-mm-dd"}
      title={live ? "A day: pick it, or type it in your browser's date order" : "A day, as YYYY-MM-DD"}
      autoComplete="off"
      data-testid="asof-input"
      onPointerOver={turn}
      onPointerDown={turn}
      onFocus={turn}
    />
  );
}

const noSubscription = () => () => {};
