import { type NextRequest, NextResponse } from "next/server";
import { getRevision, listRevisionChanges } from "@/lib/db/queries/changes";
import { toCsv } from "@/lib/domain/csv";

/** One revision's changes as CSV (`?format=csv`, the default) or JSON (`?format=json`). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const format = request.nextUrl.searchParams.get("format") ?? "csv";
  if (!/^\d{1,9}$/.test(id)) return NextResponse.json({ error: "invalid_parameter", message: "the revision is a whole number" }, { status: 400 });
  if (format !== "csv" && format !== "json") {
    return NextResponse.json({ error: "invalid_parameter", param: "format", message: "csv or json" }, { status: 400 });
  }
  const revision = getRevision(Number(id));
  if (!revision) return NextResponse.json({ error: "not_found", message: `no revision ${id}` }, { status: 404 });
  const changes = listRevisionChanges(revision.id);
  const name = `revision-${revision.id}-${revision.fileName.replace(/[^\w.-]+/g, "_")}`;
  if (format === "json") {
    return new NextResponse(JSON.stringify({ revision, changes }, null, 2), {
      headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.json"` },
    });
  }
  const rows = changes.map((c) => ({ record_type: c.recordType, record_id: c.recordSlug, action: c.action, fields: c.fields.join("; ") }));
  return new NextResponse(toCsv(rows, { revision: revision.id, imported_at: revision.at, file: revision.fileName, sha256: revision.fileHash }), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.csv"` },
  });
}
