import type { ReactNode } from "react";

export const metadata = { title: "Empty Next.js page", description: "What the framework alone costs a phone, for the bench." };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
