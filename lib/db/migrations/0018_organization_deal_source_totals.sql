-- A company's deals per source over all its cells, [source id, deals, ...] in source order:
-- a name filter's chart lists its sources with a count each, and without a kind, status or
-- year filter it needs only these sums, not the (cell, source) counts of source_cells (for
-- "robot" on the synthetic database 879 KB of text per request to read and parse against
-- 47 KB; the statement 22 -> 15 ms in-process). Drizzle-kit generated the column; the view
-- and the fill are written by hand. The view stays the one definition of a company's row:
-- 0016's triggers write `SELECT *` from it, so they keep the new column without a change.
ALTER TABLE `organization_deal_packs` ADD `source_totals` text;
--> statement-breakpoint
DROP VIEW organization_deal_packs_of;
--> statement-breakpoint
-- A source whose rows include one outside the vocabulary sums to null, which the reader
-- refuses as it refuses such a cell in source_cells.
CREATE VIEW organization_deal_packs_of AS
	SELECT c.organization_id, p.layer, c.cells, s.cells AS source_cells,
		(SELECT '[' || group_concat(total, ',') || ']' FROM (
			SELECT source_id || ',' || CASE WHEN min(kind IN ('equity-investment', 'acquisition', 'joint-venture', 'partnership', 'reorganisation', 'rumoured-investment')
				AND status IN ('completed', 'announced', 'reported', 'rumoured', 'denied')) THEN sum(deals) ELSE 'null' END AS total
			FROM organization_deal_source_counts WHERE organization_id = c.organization_id AND deals <> 0 GROUP BY source_id ORDER BY source_id
		)) AS source_totals
	FROM organization_deal_cells c
	LEFT JOIN organization_deal_source_cells s ON s.organization_id = c.organization_id
	LEFT JOIN positions p ON p.organization_id = c.organization_id;
--> statement-breakpoint
DELETE FROM organization_deal_packs;
--> statement-breakpoint
INSERT INTO organization_deal_packs SELECT * FROM organization_deal_packs_of;
