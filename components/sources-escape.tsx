"use client";

import { useEffect } from "react";

/**
 * Escape closes the open sources panel and puts focus back on its summary. A native
 * <details> has no Escape of its own, so without JavaScript it closes by its summary
 * (click, Enter or Space) only. One listener for the page, however many panels it has.
 */
export function SourcesEscape() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      const open = [...document.querySelectorAll<HTMLDetailsElement>("details.sources[open]")];
      if (open.length === 0) return;
      // The panel holding focus, else the last one opened on the page.
      const active = document.activeElement;
      const target = open.find((d) => active && d.contains(active)) ?? open[open.length - 1]!;
      target.open = false;
      target.querySelector<HTMLElement>(":scope > summary")?.focus();
      e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return null;
}
