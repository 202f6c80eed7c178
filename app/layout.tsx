import type { Metadata, Viewport } from "next";
import { DataAsOf } from "@/app/_widgets/data-as-of";
import { SiteHeader } from "@/components/site-header";
import { SourcesEscape } from "@/components/sources-escape";
import { ThemeToggle } from "@/components/theme-toggle";
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

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The inline script sets a stored theme before first paint, so the attribute may differ
    // from the server's HTML: that difference is expected.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main">{children}</main>
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
