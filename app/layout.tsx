import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { DataAsOf } from "@/app/_widgets/data-as-of";
import { PastViewBanner } from "@/app/_widgets/past-view-banner";
import { AsOfControl } from "@/components/as-of-control";
import { ParamProblems } from "@/components/param-problems";
import { PAGE_PARAM_NAMES, PAGE_PARSERS, parseAsofParams, rawParams } from "@/lib/validation/params";
import { hrefWith } from "@/lib/views/url";
import { SiteHeader } from "@/components/site-header";
import { SourcesEscape } from "@/components/sources-escape";
import { ThemeToggle } from "@/components/theme-toggle";
import { paletteCss } from "@/lib/domain/palette";
import "./globals.css";

// Every page reads the database on request, so imported data shows without a rebuild
// and `next build` never needs the database file.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Alibaba AI Portfolio", template: "%s · Alibaba AI Portfolio" },
  description:
    "Alibaba's AI investments by layer, its 380 bn yuan capex pledge and how its spending compares with its competitors, every figure cited to its source article.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#111827" },
    { media: "(prefers-color-scheme: dark)", color: "#0b0f17" },
  ],
};

const THEME_SCRIPT = `try{var t=localStorage.getItem("theme");if(t==="dark"||t==="light")document.documentElement.dataset.theme=t}catch(e){}`;

const PALETTE_CSS = paletteCss();

/** The page's own URL, which the proxy passes on: a layout is not handed the search params. */
async function currentUrl(): Promise<URL> {
  const raw = (await headers()).get("x-portfolio-url") ?? "/";
  return new URL(raw, "http://localhost");
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const url = await currentUrl();
  const raw = rawParams(url);
  const asofParsed = parseAsofParams(raw);
  const asof = asofParsed.ok ? asofParsed.data.asof : undefined;
  // Only the page's own parameters, and only when the page could read them, travel in the
  // date control and the "today" link: nothing else from the URL is written into the page.
  const known = new Set(PAGE_PARAM_NAMES[url.pathname] ?? []);
  const pageOk = PAGE_PARSERS[url.pathname]?.(raw).ok ?? true;
  const params = pageOk ? [...url.searchParams.entries()].filter(([k]) => known.has(k)) : [];
  const today = new Date().toISOString().slice(0, 10);
  const todayHref = hrefWith(url.pathname, Object.fromEntries(params.filter(([k]) => k !== "asof")), { page: undefined });
  return (
    // The inline script sets a stored theme before first paint, so the attribute may differ
    // from the server's HTML: that difference is expected.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
        {/* The category colours of both themes, from the one palette. */}
        <style dangerouslySetInnerHTML={{ __html: PALETTE_CSS }} />
      </head>
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <SiteHeader asof={asof} dateControl={<AsOfControl path={url.pathname} params={params} asof={asof} today={today} />} />
        {asof ? <PastViewBanner asof={asof} todayHref={todayHref} /> : null}
        <main id="main">
          {asofParsed.ok ? (
            children
          ) : (
            // The proxy has set the 400; every page, whatever its own parameters, says what is wrong with the day.
            <ParamProblems problems={asofParsed.problems} resetHref={url.pathname} />
          )}
        </main>
        <SourcesEscape />
        <footer className="site-footer">
          <div className="inner">
            <DataAsOf />
            <ThemeToggle />
            <span>
              Built from five news articles; every figure links to its source. See <a href="/sources">Sources</a>, or take the
              data with the <a href="/api">read API</a>.
            </span>
          </div>
        </footer>
      </body>
    </html>
  );
}
