-- One row per company holding its rows of organization_deal_counts (0013) as one JSON array
-- [cell, deals, cell, deals, ...], and one holding its rows of organization_deal_source_counts
-- as [cell, source id, deals, ...]: cell = (year * 8 + kind) * 8 + status, the kind and status
-- by their places in DEAL_KINDS and DEAL_STATUSES (lib/domain/vocabulary.ts; a value outside
-- them packs as null, which the reader refuses). Why: a name filter sums the matching
-- companies' cells (7,692 companies for "robot" on the synthetic database): read row by row
-- that is ~58,770 summary rows per table and as many calls into the summing function;
-- packed, one row and one call per company. Kept by triggers on the two tables themselves,
-- so every writer of those (the deal and citation triggers of 0013, the set-based bulk path,
-- rebuildOrganizationSummaries) keeps them too. lib/db/summaries.ts writes the same packing.
CREATE TABLE `organization_deal_cells` (
	`organization_id` integer PRIMARY KEY NOT NULL,
	`cells` text NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER organization_deal_cells_insert AFTER INSERT ON organization_deal_counts BEGIN
	DELETE FROM organization_deal_cells WHERE organization_id = NEW.organization_id;
	INSERT INTO organization_deal_cells (organization_id, cells) SELECT NEW.organization_id, cells FROM (SELECT (SELECT '[' || group_concat(cell, ',') || ']' FROM (
		SELECT coalesce(((year * 8 + CASE kind WHEN 'equity-investment' THEN 0 WHEN 'acquisition' THEN 1 WHEN 'joint-venture' THEN 2 WHEN 'partnership' THEN 3 WHEN 'reorganisation' THEN 4 WHEN 'rumoured-investment' THEN 5 END) * 8 + CASE status WHEN 'completed' THEN 0 WHEN 'announced' THEN 1 WHEN 'reported' THEN 2 WHEN 'rumoured' THEN 3 WHEN 'denied' THEN 4 END), 'null') || ',' || deals AS cell
		FROM organization_deal_counts WHERE organization_id = NEW.organization_id AND deals <> 0 ORDER BY year, kind, status
	)) AS cells) WHERE cells IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_cells_update AFTER UPDATE ON organization_deal_counts BEGIN
	DELETE FROM organization_deal_cells WHERE organization_id = NEW.organization_id;
	INSERT INTO organization_deal_cells (organization_id, cells) SELECT NEW.organization_id, cells FROM (SELECT (SELECT '[' || group_concat(cell, ',') || ']' FROM (
		SELECT coalesce(((year * 8 + CASE kind WHEN 'equity-investment' THEN 0 WHEN 'acquisition' THEN 1 WHEN 'joint-venture' THEN 2 WHEN 'partnership' THEN 3 WHEN 'reorganisation' THEN 4 WHEN 'rumoured-investment' THEN 5 END) * 8 + CASE status WHEN 'completed' THEN 0 WHEN 'announced' THEN 1 WHEN 'reported' THEN 2 WHEN 'rumoured' THEN 3 WHEN 'denied' THEN 4 END), 'null') || ',' || deals AS cell
		FROM organization_deal_counts WHERE organization_id = NEW.organization_id AND deals <> 0 ORDER BY year, kind, status
	)) AS cells) WHERE cells IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_cells_move AFTER UPDATE OF organization_id ON organization_deal_counts WHEN OLD.organization_id <> NEW.organization_id BEGIN
	DELETE FROM organization_deal_cells WHERE organization_id = OLD.organization_id;
	INSERT INTO organization_deal_cells (organization_id, cells) SELECT OLD.organization_id, cells FROM (SELECT (SELECT '[' || group_concat(cell, ',') || ']' FROM (
		SELECT coalesce(((year * 8 + CASE kind WHEN 'equity-investment' THEN 0 WHEN 'acquisition' THEN 1 WHEN 'joint-venture' THEN 2 WHEN 'partnership' THEN 3 WHEN 'reorganisation' THEN 4 WHEN 'rumoured-investment' THEN 5 END) * 8 + CASE status WHEN 'completed' THEN 0 WHEN 'announced' THEN 1 WHEN 'reported' THEN 2 WHEN 'rumoured' THEN 3 WHEN 'denied' THEN 4 END), 'null') || ',' || deals AS cell
		FROM organization_deal_counts WHERE organization_id = OLD.organization_id AND deals <> 0 ORDER BY year, kind, status
	)) AS cells) WHERE cells IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_cells_delete AFTER DELETE ON organization_deal_counts BEGIN
	DELETE FROM organization_deal_cells WHERE organization_id = OLD.organization_id;
	INSERT INTO organization_deal_cells (organization_id, cells) SELECT OLD.organization_id, cells FROM (SELECT (SELECT '[' || group_concat(cell, ',') || ']' FROM (
		SELECT coalesce(((year * 8 + CASE kind WHEN 'equity-investment' THEN 0 WHEN 'acquisition' THEN 1 WHEN 'joint-venture' THEN 2 WHEN 'partnership' THEN 3 WHEN 'reorganisation' THEN 4 WHEN 'rumoured-investment' THEN 5 END) * 8 + CASE status WHEN 'completed' THEN 0 WHEN 'announced' THEN 1 WHEN 'reported' THEN 2 WHEN 'rumoured' THEN 3 WHEN 'denied' THEN 4 END), 'null') || ',' || deals AS cell
		FROM organization_deal_counts WHERE organization_id = OLD.organization_id AND deals <> 0 ORDER BY year, kind, status
	)) AS cells) WHERE cells IS NOT NULL;
END;
--> statement-breakpoint
-- Filled company by company, as the triggers pack one, so both give the same text.
INSERT INTO organization_deal_cells (organization_id, cells)
SELECT o.organization_id, (SELECT '[' || group_concat(cell, ',') || ']' FROM (
		SELECT coalesce(((year * 8 + CASE kind WHEN 'equity-investment' THEN 0 WHEN 'acquisition' THEN 1 WHEN 'joint-venture' THEN 2 WHEN 'partnership' THEN 3 WHEN 'reorganisation' THEN 4 WHEN 'rumoured-investment' THEN 5 END) * 8 + CASE status WHEN 'completed' THEN 0 WHEN 'announced' THEN 1 WHEN 'reported' THEN 2 WHEN 'rumoured' THEN 3 WHEN 'denied' THEN 4 END), 'null') || ',' || deals AS cell
		FROM organization_deal_counts WHERE organization_id = o.organization_id AND deals <> 0 ORDER BY year, kind, status
	)) FROM (SELECT DISTINCT organization_id FROM organization_deal_counts WHERE deals <> 0) o;
--> statement-breakpoint
CREATE TABLE `organization_deal_source_cells` (
	`organization_id` integer PRIMARY KEY NOT NULL,
	`cells` text NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER organization_deal_source_cells_insert AFTER INSERT ON organization_deal_source_counts BEGIN
	DELETE FROM organization_deal_source_cells WHERE organization_id = NEW.organization_id;
	INSERT INTO organization_deal_source_cells (organization_id, cells) SELECT NEW.organization_id, cells FROM (SELECT (SELECT '[' || group_concat(cell, ',') || ']' FROM (
		SELECT coalesce(((year * 8 + CASE kind WHEN 'equity-investment' THEN 0 WHEN 'acquisition' THEN 1 WHEN 'joint-venture' THEN 2 WHEN 'partnership' THEN 3 WHEN 'reorganisation' THEN 4 WHEN 'rumoured-investment' THEN 5 END) * 8 + CASE status WHEN 'completed' THEN 0 WHEN 'announced' THEN 1 WHEN 'reported' THEN 2 WHEN 'rumoured' THEN 3 WHEN 'denied' THEN 4 END), 'null') || ',' || source_id || ',' || deals AS cell
		FROM organization_deal_source_counts WHERE organization_id = NEW.organization_id AND deals <> 0 ORDER BY source_id, year, kind, status
	)) AS cells) WHERE cells IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_source_cells_update AFTER UPDATE ON organization_deal_source_counts BEGIN
	DELETE FROM organization_deal_source_cells WHERE organization_id = NEW.organization_id;
	INSERT INTO organization_deal_source_cells (organization_id, cells) SELECT NEW.organization_id, cells FROM (SELECT (SELECT '[' || group_concat(cell, ',') || ']' FROM (
		SELECT coalesce(((year * 8 + CASE kind WHEN 'equity-investment' THEN 0 WHEN 'acquisition' THEN 1 WHEN 'joint-venture' THEN 2 WHEN 'partnership' THEN 3 WHEN 'reorganisation' THEN 4 WHEN 'rumoured-investment' THEN 5 END) * 8 + CASE status WHEN 'completed' THEN 0 WHEN 'announced' THEN 1 WHEN 'reported' THEN 2 WHEN 'rumoured' THEN 3 WHEN 'denied' THEN 4 END), 'null') || ',' || source_id || ',' || deals AS cell
		FROM organization_deal_source_counts WHERE organization_id = NEW.organization_id AND deals <> 0 ORDER BY source_id, year, kind, status
	)) AS cells) WHERE cells IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_source_cells_move AFTER UPDATE OF organization_id ON organization_deal_source_counts WHEN OLD.organization_id <> NEW.organization_id BEGIN
	DELETE FROM organization_deal_source_cells WHERE organization_id = OLD.organization_id;
	INSERT INTO organization_deal_source_cells (organization_id, cells) SELECT OLD.organization_id, cells FROM (SELECT (SELECT '[' || group_concat(cell, ',') || ']' FROM (
		SELECT coalesce(((year * 8 + CASE kind WHEN 'equity-investment' THEN 0 WHEN 'acquisition' THEN 1 WHEN 'joint-venture' THEN 2 WHEN 'partnership' THEN 3 WHEN 'reorganisation' THEN 4 WHEN 'rumoured-investment' THEN 5 END) * 8 + CASE status WHEN 'completed' THEN 0 WHEN 'announced' THEN 1 WHEN 'reported' THEN 2 WHEN 'rumoured' THEN 3 WHEN 'denied' THEN 4 END), 'null') || ',' || source_id || ',' || deals AS cell
		FROM organization_deal_source_counts WHERE organization_id = OLD.organization_id AND deals <> 0 ORDER BY source_id, year, kind, status
	)) AS cells) WHERE cells IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_source_cells_delete AFTER DELETE ON organization_deal_source_counts BEGIN
	DELETE FROM organization_deal_source_cells WHERE organization_id = OLD.organization_id;
	INSERT INTO organization_deal_source_cells (organization_id, cells) SELECT OLD.organization_id, cells FROM (SELECT (SELECT '[' || group_concat(cell, ',') || ']' FROM (
		SELECT coalesce(((year * 8 + CASE kind WHEN 'equity-investment' THEN 0 WHEN 'acquisition' THEN 1 WHEN 'joint-venture' THEN 2 WHEN 'partnership' THEN 3 WHEN 'reorganisation' THEN 4 WHEN 'rumoured-investment' THEN 5 END) * 8 + CASE status WHEN 'completed' THEN 0 WHEN 'announced' THEN 1 WHEN 'reported' THEN 2 WHEN 'rumoured' THEN 3 WHEN 'denied' THEN 4 END), 'null') || ',' || source_id || ',' || deals AS cell
		FROM organization_deal_source_counts WHERE organization_id = OLD.organization_id AND deals <> 0 ORDER BY source_id, year, kind, status
	)) AS cells) WHERE cells IS NOT NULL;
END;
--> statement-breakpoint
-- Filled company by company, as the triggers pack one, so both give the same text.
INSERT INTO organization_deal_source_cells (organization_id, cells)
SELECT o.organization_id, (SELECT '[' || group_concat(cell, ',') || ']' FROM (
		SELECT coalesce(((year * 8 + CASE kind WHEN 'equity-investment' THEN 0 WHEN 'acquisition' THEN 1 WHEN 'joint-venture' THEN 2 WHEN 'partnership' THEN 3 WHEN 'reorganisation' THEN 4 WHEN 'rumoured-investment' THEN 5 END) * 8 + CASE status WHEN 'completed' THEN 0 WHEN 'announced' THEN 1 WHEN 'reported' THEN 2 WHEN 'rumoured' THEN 3 WHEN 'denied' THEN 4 END), 'null') || ',' || source_id || ',' || deals AS cell
		FROM organization_deal_source_counts WHERE organization_id = o.organization_id AND deals <> 0 ORDER BY source_id, year, kind, status
	)) FROM (SELECT DISTINCT organization_id FROM organization_deal_source_counts WHERE deals <> 0) o;
