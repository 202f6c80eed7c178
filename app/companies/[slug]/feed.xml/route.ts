import type { NextRequest } from "next/server";
import { listChangesBetween } from "@/lib/db/queries/changes";
import { getOrganizationBySlug } from "@/lib/db/queries/organizations";
import { MIN_ASOF, slugParam } from "@/lib/validation/params";
import { changesAtom, FEED_ENTRIES } from "@/lib/views/feed";

/** One company's changes as Atom. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!slugParam.safeParse(slug).success) return new Response("Not a company id.\n", { status: 400, headers: { "Content-Type": "text/plain" } });
  const org = getOrganizationBySlug(slug);
  if (!org) return new Response(`No company "${slug}".\n`, { status: 404, headers: { "Content-Type": "text/plain" } });
  const today = new Date().toISOString().slice(0, 10);
  const xml = changesAtom(listChangesBetween(MIN_ASOF, today, { organization: slug, limit: FEED_ENTRIES }).entries, {
    origin: request.nextUrl.origin,
    selfPath: `/companies/${slug}/feed.xml`,
    title: `${org.name}: changes`,
    id: `${request.nextUrl.origin}/companies/${slug}/feed.xml`,
  });
  return new Response(xml, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
}
