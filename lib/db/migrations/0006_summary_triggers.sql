-- Triggers that keep position_counts, deal_counts and deal_source_counts (0005) equal to
-- what they summarise, whoever writes: seed, db:import, a test. drizzle cannot express
-- triggers, hence this custom migration. Each trigger adds or subtracts through an upsert,
-- so a write costs a few index lookups and never a scan. A deal's layer is its company's
-- position's, so a position that appears, moves layer or goes moves its company's deals.
-- Deal ids never change (citations point at them), so an UPDATE of deals.id is not handled.
CREATE TRIGGER position_counts_insert AFTER INSERT ON positions BEGIN
	INSERT INTO position_counts (layer, relationship, status, segment, companies)
	VALUES (NEW.layer, NEW.relationship, NEW.status, NEW.segment, 1)
	ON CONFLICT (layer, relationship, status, segment) DO UPDATE SET companies = companies + excluded.companies;
	INSERT INTO deal_counts (year, kind, status, layer, deals)
	SELECT coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, '', -count(*)
	FROM deals d WHERE d.organization_id = NEW.organization_id GROUP BY 1, 2, 3
	ON CONFLICT (year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
	SELECT c.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, '', -count(DISTINCT d.id)
	FROM deals d JOIN citations c ON c.deal_id = d.id WHERE d.organization_id = NEW.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_counts (year, kind, status, layer, deals)
	SELECT coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, NEW.layer, count(*)
	FROM deals d WHERE d.organization_id = NEW.organization_id GROUP BY 1, 2, 3
	ON CONFLICT (year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
	SELECT c.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, NEW.layer, count(DISTINCT d.id)
	FROM deals d JOIN citations c ON c.deal_id = d.id WHERE d.organization_id = NEW.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER position_counts_delete AFTER DELETE ON positions BEGIN
	INSERT INTO position_counts (layer, relationship, status, segment, companies)
	VALUES (OLD.layer, OLD.relationship, OLD.status, OLD.segment, -1)
	ON CONFLICT (layer, relationship, status, segment) DO UPDATE SET companies = companies + excluded.companies;
	INSERT INTO deal_counts (year, kind, status, layer, deals)
	SELECT coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, OLD.layer, -count(*)
	FROM deals d WHERE d.organization_id = OLD.organization_id GROUP BY 1, 2, 3
	ON CONFLICT (year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
	SELECT c.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, OLD.layer, -count(DISTINCT d.id)
	FROM deals d JOIN citations c ON c.deal_id = d.id WHERE d.organization_id = OLD.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_counts (year, kind, status, layer, deals)
	SELECT coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, '', count(*)
	FROM deals d WHERE d.organization_id = OLD.organization_id GROUP BY 1, 2, 3
	ON CONFLICT (year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
	SELECT c.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, '', count(DISTINCT d.id)
	FROM deals d JOIN citations c ON c.deal_id = d.id WHERE d.organization_id = OLD.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER position_counts_update AFTER UPDATE OF layer, relationship, status, segment ON positions
WHEN OLD.layer IS NOT NEW.layer OR OLD.relationship IS NOT NEW.relationship OR OLD.status IS NOT NEW.status OR OLD.segment IS NOT NEW.segment
BEGIN
	INSERT INTO position_counts (layer, relationship, status, segment, companies)
	VALUES (OLD.layer, OLD.relationship, OLD.status, OLD.segment, -1)
	ON CONFLICT (layer, relationship, status, segment) DO UPDATE SET companies = companies + excluded.companies;
	INSERT INTO position_counts (layer, relationship, status, segment, companies)
	VALUES (NEW.layer, NEW.relationship, NEW.status, NEW.segment, 1)
	ON CONFLICT (layer, relationship, status, segment) DO UPDATE SET companies = companies + excluded.companies;
END;
--> statement-breakpoint
-- The organization a position belongs to, or its layer, changed: the deals of the old
-- organization lose that layer, the new one's gain it (organization_id is unique, so the
-- new organization had no position before).
CREATE TRIGGER position_deal_layer_update AFTER UPDATE OF layer, organization_id ON positions
WHEN OLD.layer IS NOT NEW.layer OR OLD.organization_id IS NOT NEW.organization_id
BEGIN
	INSERT INTO deal_counts (year, kind, status, layer, deals)
	SELECT coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, OLD.layer, -count(*)
	FROM deals d WHERE d.organization_id = OLD.organization_id GROUP BY 1, 2, 3
	ON CONFLICT (year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
	SELECT c.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, OLD.layer, -count(DISTINCT d.id)
	FROM deals d JOIN citations c ON c.deal_id = d.id WHERE d.organization_id = OLD.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_counts (year, kind, status, layer, deals)
	SELECT coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, '', count(*)
	FROM deals d WHERE d.organization_id = OLD.organization_id GROUP BY 1, 2, 3
	ON CONFLICT (year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
	SELECT c.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, '', count(DISTINCT d.id)
	FROM deals d JOIN citations c ON c.deal_id = d.id WHERE d.organization_id = OLD.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_counts (year, kind, status, layer, deals)
	SELECT coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, '', -count(*)
	FROM deals d WHERE d.organization_id = NEW.organization_id GROUP BY 1, 2, 3
	ON CONFLICT (year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
	SELECT c.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, '', -count(DISTINCT d.id)
	FROM deals d JOIN citations c ON c.deal_id = d.id WHERE d.organization_id = NEW.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_counts (year, kind, status, layer, deals)
	SELECT coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, NEW.layer, count(*)
	FROM deals d WHERE d.organization_id = NEW.organization_id GROUP BY 1, 2, 3
	ON CONFLICT (year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
	SELECT c.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, NEW.layer, count(DISTINCT d.id)
	FROM deals d JOIN citations c ON c.deal_id = d.id WHERE d.organization_id = NEW.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER deal_counts_insert AFTER INSERT ON deals BEGIN
	INSERT INTO deal_counts (year, kind, status, layer, deals)
	VALUES (coalesce(CAST(substr(NEW.sort_date, 1, 4) AS INTEGER), 0), NEW.kind, NEW.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = NEW.organization_id), ''), 1)
	ON CONFLICT (year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER deal_counts_delete AFTER DELETE ON deals BEGIN
	INSERT INTO deal_counts (year, kind, status, layer, deals)
	VALUES (coalesce(CAST(substr(OLD.sort_date, 1, 4) AS INTEGER), 0), OLD.kind, OLD.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = OLD.organization_id), ''), -1)
	ON CONFLICT (year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
-- Before, not after: the delete cascades to the deal's citations, and afterwards nothing
-- says which sources cited it (the citations' own delete trigger finds no deal and does nothing).
CREATE TRIGGER deal_source_counts_deal_delete BEFORE DELETE ON deals BEGIN
	INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
	SELECT DISTINCT c.source_id, coalesce(CAST(substr(OLD.sort_date, 1, 4) AS INTEGER), 0), OLD.kind, OLD.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = OLD.organization_id), ''), -1
	FROM citations c WHERE c.deal_id = OLD.id
	ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER deal_counts_update AFTER UPDATE OF sort_date, kind, status, organization_id ON deals
WHEN coalesce(CAST(substr(OLD.sort_date, 1, 4) AS INTEGER), 0) IS NOT coalesce(CAST(substr(NEW.sort_date, 1, 4) AS INTEGER), 0) OR OLD.kind IS NOT NEW.kind OR OLD.status IS NOT NEW.status OR OLD.organization_id IS NOT NEW.organization_id
BEGIN
	INSERT INTO deal_counts (year, kind, status, layer, deals)
	VALUES (coalesce(CAST(substr(OLD.sort_date, 1, 4) AS INTEGER), 0), OLD.kind, OLD.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = OLD.organization_id), ''), -1)
	ON CONFLICT (year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_counts (year, kind, status, layer, deals)
	VALUES (coalesce(CAST(substr(NEW.sort_date, 1, 4) AS INTEGER), 0), NEW.kind, NEW.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = NEW.organization_id), ''), 1)
	ON CONFLICT (year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
	SELECT DISTINCT c.source_id, coalesce(CAST(substr(OLD.sort_date, 1, 4) AS INTEGER), 0), OLD.kind, OLD.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = OLD.organization_id), ''), -1
	FROM citations c WHERE c.deal_id = OLD.id
	ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
	SELECT DISTINCT c.source_id, coalesce(CAST(substr(NEW.sort_date, 1, 4) AS INTEGER), 0), NEW.kind, NEW.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = NEW.organization_id), ''), 1
	FROM citations c WHERE c.deal_id = NEW.id
	ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
-- A source counts a deal once however many paragraphs of it cite the deal.
CREATE TRIGGER deal_source_counts_cite AFTER INSERT ON citations
WHEN NEW.deal_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.deal_id = NEW.deal_id AND c.source_id = NEW.source_id AND c.id <> NEW.id)
BEGIN
	INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
	SELECT NEW.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = d.organization_id), ''), 1
	FROM deals d WHERE d.id = NEW.deal_id
	ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER deal_source_counts_uncite AFTER DELETE ON citations
WHEN OLD.deal_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.deal_id = OLD.deal_id AND c.source_id = OLD.source_id)
BEGIN
	INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
	SELECT OLD.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = d.organization_id), ''), -1
	FROM deals d WHERE d.id = OLD.deal_id
	ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER deal_source_counts_recite AFTER UPDATE OF deal_id, source_id ON citations
WHEN OLD.deal_id IS NOT NEW.deal_id OR OLD.source_id IS NOT NEW.source_id
BEGIN
	INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
	SELECT OLD.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = d.organization_id), ''), -1
	FROM deals d WHERE d.id = OLD.deal_id AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.deal_id = OLD.deal_id AND c.source_id = OLD.source_id)
	ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
	SELECT NEW.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = d.organization_id), ''), 1
	FROM deals d WHERE d.id = NEW.deal_id AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.deal_id = NEW.deal_id AND c.source_id = NEW.source_id AND c.id <> NEW.id)
	ON CONFLICT (source_id, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
-- Counts for rows already in the database (same statements as db/summaries.ts).
DELETE FROM position_counts;
--> statement-breakpoint
INSERT INTO position_counts (layer, relationship, status, segment, companies)
SELECT layer, relationship, status, segment, count(*) FROM positions GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
DELETE FROM deal_counts;
--> statement-breakpoint
INSERT INTO deal_counts (year, kind, status, layer, deals)
SELECT coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, coalesce(p.layer, ''), count(*)
FROM deals d LEFT JOIN positions p ON p.organization_id = d.organization_id GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
DELETE FROM deal_source_counts;
--> statement-breakpoint
INSERT INTO deal_source_counts (source_id, year, kind, status, layer, deals)
SELECT c.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, coalesce(p.layer, ''), count(DISTINCT d.id)
FROM citations c JOIN deals d ON d.id = c.deal_id LEFT JOIN positions p ON p.organization_id = d.organization_id
GROUP BY 1, 2, 3, 4, 5;
