"use client";

import { useEffect, useState } from "react";

type Theme = "system" | "light" | "dark";
const NEXT: Record<Theme, Theme> = { system: "dark", dark: "light", light: "system" };
const LABEL: Record<Theme, string> = { system: "Theme: system", dark: "Theme: dark", light: "Theme: light" };

function apply(theme: Theme) {
  if (theme === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/**
 * Cycles system → dark → light. Without JavaScript the page simply follows the system
 * setting (prefers-color-scheme); the choice is remembered in localStorage.
 */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme | null>(null);

  useEffect(() => {
    const stored = localStorage.getItem("theme");
    // Reads the choice saved by an earlier visit once mounted; the inline script in the
    // layout has already applied it before paint, so this only syncs the label.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setTheme(stored === "dark" || stored === "light" ? stored : "system");
    // Closed <details> would hide sources on paper: open them all for printing.
    const opened: HTMLDetailsElement[] = [];
    const before = () => {
      document.querySelectorAll("details:not([open])").forEach((d) => {
        (d as HTMLDetailsElement).open = true;
        opened.push(d as HTMLDetailsElement);
      });
    };
    const after = () => opened.splice(0).forEach((d) => (d.open = false));
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);

  if (theme === null) return null;
  return (
    <button
      type="button"
      className="theme-toggle"
      data-testid="theme-toggle"
      data-theme-choice={theme}
      aria-label={`${LABEL[theme]}. Switch to ${NEXT[theme]}.`}
      onClick={() => {
        const next = NEXT[theme];
        setTheme(next);
        apply(next);
        if (next === "system") localStorage.removeItem("theme");
        else localStorage.setItem("theme", next);
      }}
    >
      {theme === "dark" ? "☾ Dark" : theme === "light" ? "☀ Light" : "◐ System"}
    </button>
  );
}
