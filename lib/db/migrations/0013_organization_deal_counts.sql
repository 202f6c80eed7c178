CREATE TABLE `organization_deal_counts` (
	`organization_id` integer NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`deals` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `year`, `kind`, `status`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `organization_deal_source_counts` (
	`organization_id` integer NOT NULL,
	`source_id` integer NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`deals` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `source_id`, `year`, `kind`, `status`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Per-organization copies of deal_counts and deal_source_counts (0005/0006), kept by the
-- same kind of upsert triggers: a write costs an index lookup or two, never a scan. The
-- layer is not stored (readers join the company's position), so positions need no trigger
-- here. Deal ids never change (citations point at them). lib/db/summaries.ts holds the
-- recount these must agree with, and a set-based rebuild for chosen organizations that a
-- bulk load without triggers can call.
CREATE TRIGGER organization_deal_counts_insert AFTER INSERT ON deals BEGIN
	INSERT INTO organization_deal_counts (organization_id, year, kind, status, deals)
	VALUES (NEW.organization_id, coalesce(CAST(substr(NEW.sort_date, 1, 4) AS INTEGER), 0), NEW.kind, NEW.status, 1)
	ON CONFLICT (organization_id, year, kind, status) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_counts_delete AFTER DELETE ON deals BEGIN
	INSERT INTO organization_deal_counts (organization_id, year, kind, status, deals)
	VALUES (OLD.organization_id, coalesce(CAST(substr(OLD.sort_date, 1, 4) AS INTEGER), 0), OLD.kind, OLD.status, -1)
	ON CONFLICT (organization_id, year, kind, status) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
-- Before, not after: the delete cascades to the deal's citations (see 0006).
CREATE TRIGGER organization_deal_source_counts_deal_delete BEFORE DELETE ON deals BEGIN
	INSERT INTO organization_deal_source_counts (organization_id, source_id, year, kind, status, deals)
	SELECT DISTINCT OLD.organization_id, c.source_id, coalesce(CAST(substr(OLD.sort_date, 1, 4) AS INTEGER), 0), OLD.kind, OLD.status, -1
	FROM citations c WHERE c.deal_id = OLD.id
	ON CONFLICT (organization_id, source_id, year, kind, status) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_counts_update AFTER UPDATE OF sort_date, kind, status, organization_id ON deals
WHEN coalesce(CAST(substr(OLD.sort_date, 1, 4) AS INTEGER), 0) IS NOT coalesce(CAST(substr(NEW.sort_date, 1, 4) AS INTEGER), 0) OR OLD.kind IS NOT NEW.kind OR OLD.status IS NOT NEW.status OR OLD.organization_id IS NOT NEW.organization_id
BEGIN
	INSERT INTO organization_deal_counts (organization_id, year, kind, status, deals)
	VALUES (OLD.organization_id, coalesce(CAST(substr(OLD.sort_date, 1, 4) AS INTEGER), 0), OLD.kind, OLD.status, -1)
	ON CONFLICT (organization_id, year, kind, status) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO organization_deal_counts (organization_id, year, kind, status, deals)
	VALUES (NEW.organization_id, coalesce(CAST(substr(NEW.sort_date, 1, 4) AS INTEGER), 0), NEW.kind, NEW.status, 1)
	ON CONFLICT (organization_id, year, kind, status) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO organization_deal_source_counts (organization_id, source_id, year, kind, status, deals)
	SELECT DISTINCT OLD.organization_id, c.source_id, coalesce(CAST(substr(OLD.sort_date, 1, 4) AS INTEGER), 0), OLD.kind, OLD.status, -1
	FROM citations c WHERE c.deal_id = OLD.id
	ON CONFLICT (organization_id, source_id, year, kind, status) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO organization_deal_source_counts (organization_id, source_id, year, kind, status, deals)
	SELECT DISTINCT NEW.organization_id, c.source_id, coalesce(CAST(substr(NEW.sort_date, 1, 4) AS INTEGER), 0), NEW.kind, NEW.status, 1
	FROM citations c WHERE c.deal_id = NEW.id
	ON CONFLICT (organization_id, source_id, year, kind, status) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
-- A source counts a deal once however many paragraphs of it cite the deal.
CREATE TRIGGER organization_deal_source_counts_cite AFTER INSERT ON citations
WHEN NEW.deal_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.deal_id = NEW.deal_id AND c.source_id = NEW.source_id AND c.id <> NEW.id)
BEGIN
	INSERT INTO organization_deal_source_counts (organization_id, source_id, year, kind, status, deals)
	SELECT d.organization_id, NEW.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, 1
	FROM deals d WHERE d.id = NEW.deal_id
	ON CONFLICT (organization_id, source_id, year, kind, status) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_source_counts_uncite AFTER DELETE ON citations
WHEN OLD.deal_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.deal_id = OLD.deal_id AND c.source_id = OLD.source_id)
BEGIN
	INSERT INTO organization_deal_source_counts (organization_id, source_id, year, kind, status, deals)
	SELECT d.organization_id, OLD.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, -1
	FROM deals d WHERE d.id = OLD.deal_id
	ON CONFLICT (organization_id, source_id, year, kind, status) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER organization_deal_source_counts_recite AFTER UPDATE OF deal_id, source_id ON citations
WHEN OLD.deal_id IS NOT NEW.deal_id OR OLD.source_id IS NOT NEW.source_id
BEGIN
	INSERT INTO organization_deal_source_counts (organization_id, source_id, year, kind, status, deals)
	SELECT d.organization_id, OLD.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, -1
	FROM deals d WHERE d.id = OLD.deal_id AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.deal_id = OLD.deal_id AND c.source_id = OLD.source_id)
	ON CONFLICT (organization_id, source_id, year, kind, status) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO organization_deal_source_counts (organization_id, source_id, year, kind, status, deals)
	SELECT d.organization_id, NEW.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, 1
	FROM deals d WHERE d.id = NEW.deal_id AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.deal_id = NEW.deal_id AND c.source_id = NEW.source_id AND c.id <> NEW.id)
	ON CONFLICT (organization_id, source_id, year, kind, status) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
-- Counts for rows already in the database (same statements as lib/db/summaries.ts).
INSERT INTO organization_deal_counts (organization_id, year, kind, status, deals)
SELECT d.organization_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, count(*) FROM deals d GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO organization_deal_source_counts (organization_id, source_id, year, kind, status, deals)
SELECT d.organization_id, c.source_id, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, count(DISTINCT d.id)
FROM citations c JOIN deals d ON d.id = c.deal_id GROUP BY 1, 2, 3, 4, 5;
