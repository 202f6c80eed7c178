import type { NextRequest } from "next/server";
import { listChangesBetween, listRevisions } from "@/lib/db/queries/changes";
import { MIN_ASOF } from "@/lib/validation/params";
import { changesAtom, FEED_ENTRIES } from "@/lib/views/feed";

export async function GET(request: NextRequest) {
  const today = new Date().toISOString().slice(0, 10);
  const xml = changesAtom(listChangesBetween(MIN_ASOF, today, { limit: FEED_ENTRIES }).entries, {
    origin: request.nextUrl.origin,
    selfPath: "/feed.xml",
    title: "Alibaba AI portfolio: changes",
    id: `${request.nextUrl.origin}/feed.xml`,
    imports: listRevisions(FEED_ENTRIES),
  });
  return new Response(xml, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
}
