-- One row per company holding its packed cells (organization_deal_cells, 0015), its packed
-- source cells (organization_deal_source_cells) and its position's layer: a name filter sums
-- a row per matching company (7,426 for "robot" on the synthetic database), and three seeks
-- per company (the two packed tables and positions) cost ~10 ms of its ~30. Drizzle-kit
-- generated the table (0015 was written without a snapshot, so it repeated 0015's two
-- tables here: removed); the rest is written by hand.
CREATE TABLE `organization_deal_packs` (
	`organization_id` integer PRIMARY KEY NOT NULL,
	`layer` text,
	`cells` text NOT NULL,
	`source_cells` text
);
--> statement-breakpoint
-- What a company's row is, in one place: every trigger below and the fill (here and in
-- lib/db/summaries.ts) write a company's row from this view, so none repeats the packing.
CREATE VIEW organization_deal_packs_of AS
	SELECT c.organization_id, p.layer, c.cells, s.cells AS source_cells
	FROM organization_deal_cells c
	LEFT JOIN organization_deal_source_cells s ON s.organization_id = c.organization_id
	LEFT JOIN positions p ON p.organization_id = c.organization_id;
--> statement-breakpoint
-- Kept by triggers on the three tables it reads: a write there rewrites the companies it
-- touched (the old and the new company when a row moves), so every writer of those (0015's
-- packing triggers, the set-based bulk path, rebuildOrganizationSummaries, positions written
-- by the seed or an import) keeps it too.
CREATE TRIGGER organization_deal_packs_cells_insert AFTER INSERT ON organization_deal_cells BEGIN
	DELETE FROM organization_deal_packs WHERE organization_id = NEW.organization_id;
	INSERT INTO organization_deal_packs SELECT * FROM organization_deal_packs_of WHERE organization_id = NEW.organization_id;
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_packs_cells_update AFTER UPDATE ON organization_deal_cells BEGIN
	DELETE FROM organization_deal_packs WHERE organization_id IN (OLD.organization_id, NEW.organization_id);
	INSERT INTO organization_deal_packs SELECT * FROM organization_deal_packs_of WHERE organization_id IN (OLD.organization_id, NEW.organization_id);
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_packs_cells_delete AFTER DELETE ON organization_deal_cells BEGIN
	DELETE FROM organization_deal_packs WHERE organization_id = OLD.organization_id;
	INSERT INTO organization_deal_packs SELECT * FROM organization_deal_packs_of WHERE organization_id = OLD.organization_id;
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_packs_source_cells_insert AFTER INSERT ON organization_deal_source_cells BEGIN
	DELETE FROM organization_deal_packs WHERE organization_id = NEW.organization_id;
	INSERT INTO organization_deal_packs SELECT * FROM organization_deal_packs_of WHERE organization_id = NEW.organization_id;
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_packs_source_cells_update AFTER UPDATE ON organization_deal_source_cells BEGIN
	DELETE FROM organization_deal_packs WHERE organization_id IN (OLD.organization_id, NEW.organization_id);
	INSERT INTO organization_deal_packs SELECT * FROM organization_deal_packs_of WHERE organization_id IN (OLD.organization_id, NEW.organization_id);
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_packs_source_cells_delete AFTER DELETE ON organization_deal_source_cells BEGIN
	DELETE FROM organization_deal_packs WHERE organization_id = OLD.organization_id;
	INSERT INTO organization_deal_packs SELECT * FROM organization_deal_packs_of WHERE organization_id = OLD.organization_id;
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_packs_position_insert AFTER INSERT ON positions BEGIN
	DELETE FROM organization_deal_packs WHERE organization_id = NEW.organization_id;
	INSERT INTO organization_deal_packs SELECT * FROM organization_deal_packs_of WHERE organization_id = NEW.organization_id;
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_packs_position_update AFTER UPDATE OF layer, organization_id ON positions BEGIN
	DELETE FROM organization_deal_packs WHERE organization_id IN (OLD.organization_id, NEW.organization_id);
	INSERT INTO organization_deal_packs SELECT * FROM organization_deal_packs_of WHERE organization_id IN (OLD.organization_id, NEW.organization_id);
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_packs_position_delete AFTER DELETE ON positions BEGIN
	DELETE FROM organization_deal_packs WHERE organization_id = OLD.organization_id;
	INSERT INTO organization_deal_packs SELECT * FROM organization_deal_packs_of WHERE organization_id = OLD.organization_id;
END;
--> statement-breakpoint
INSERT INTO organization_deal_packs SELECT * FROM organization_deal_packs_of;
