-- Deals counted by the day they became known: for every deal that a dated source cites, its
-- first citation's date (fact_first_citations, 0020) with the cell the deal counts in today
-- (year, kind, status, its company's layer). A past view's counts, facets and chart are the sum
-- of the days up to it, a few rows a day, where reading the deals known by a day read every
-- one of them (10.6 s for /deals?asof=2026-11-01 on a database whose million deals are dated:
-- tests/perf/README.md, known17). Deals with a status history are in it too, under today's
-- status; readers correct for those few live (lib/db/queries/deals.ts), so no trigger on
-- status_changes is needed.
CREATE TABLE `deal_known_counts` (
	`day` text NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`layer` text NOT NULL,
	`deals` integer NOT NULL,
	PRIMARY KEY(`day`, `year`, `kind`, `status`, `layer`)
) WITHOUT ROWID;
--> statement-breakpoint
-- A deal's first dated citation found, lost or moved to another day. These stay on during
-- db:import's bulk write: its set-based recompute of fact_first_citations deletes and inserts
-- the rows in scope, which counts them here row by row. A deleted deal has no row left when
-- the delete cascades to its citations, so the deal's own BEFORE DELETE trigger counts it out.
CREATE TRIGGER deal_known_counts_known AFTER INSERT ON fact_first_citations WHEN NEW.subject = 'deal' BEGIN
	INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
	SELECT NEW.date, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = d.organization_id), ''), 1
	FROM deals d WHERE NEW.subject = 'deal' AND d.id = NEW.subject_id
	ON CONFLICT (day, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER deal_known_counts_unknown AFTER DELETE ON fact_first_citations WHEN OLD.subject = 'deal' BEGIN
	INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
	SELECT OLD.date, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = d.organization_id), ''), -1
	FROM deals d WHERE OLD.subject = 'deal' AND d.id = OLD.subject_id
	ON CONFLICT (day, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER deal_known_counts_redated AFTER UPDATE OF subject, subject_id, date ON fact_first_citations BEGIN
	INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
	SELECT OLD.date, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = d.organization_id), ''), -1
	FROM deals d WHERE OLD.subject = 'deal' AND d.id = OLD.subject_id
	ON CONFLICT (day, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
	SELECT NEW.date, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = d.organization_id), ''), 1
	FROM deals d WHERE NEW.subject = 'deal' AND d.id = NEW.subject_id
	ON CONFLICT (day, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
-- A known deal whose cell changes moves between cells of its day.
CREATE TRIGGER deal_known_counts_deal_update AFTER UPDATE OF sort_date, kind, status, organization_id ON deals
WHEN coalesce(CAST(substr(OLD.sort_date, 1, 4) AS INTEGER), 0) IS NOT coalesce(CAST(substr(NEW.sort_date, 1, 4) AS INTEGER), 0) OR OLD.kind IS NOT NEW.kind OR OLD.status IS NOT NEW.status OR OLD.organization_id IS NOT NEW.organization_id
BEGIN
	INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
	SELECT f.date, coalesce(CAST(substr(OLD.sort_date, 1, 4) AS INTEGER), 0), OLD.kind, OLD.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = OLD.organization_id), ''), -1
	FROM fact_first_citations f WHERE f.subject = 'deal' AND f.subject_id = OLD.id
	ON CONFLICT (day, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
	SELECT f.date, coalesce(CAST(substr(NEW.sort_date, 1, 4) AS INTEGER), 0), NEW.kind, NEW.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = NEW.organization_id), ''), 1
	FROM fact_first_citations f WHERE f.subject = 'deal' AND f.subject_id = NEW.id
	ON CONFLICT (day, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER deal_known_counts_deal_delete BEFORE DELETE ON deals BEGIN
	INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
	SELECT f.date, coalesce(CAST(substr(OLD.sort_date, 1, 4) AS INTEGER), 0), OLD.kind, OLD.status, coalesce((SELECT p.layer FROM positions p WHERE p.organization_id = OLD.organization_id), ''), -1
	FROM fact_first_citations f WHERE f.subject = 'deal' AND f.subject_id = OLD.id
	ON CONFLICT (day, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
-- A deal's layer is its company's position's: a position that appears, goes or changes layer
-- or company moves that company's known deals (organization_id is unique in positions).
CREATE TRIGGER deal_known_counts_position_insert AFTER INSERT ON positions BEGIN
	INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
	SELECT f.date, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, '', -count(*)
	FROM deals d JOIN fact_first_citations f ON f.subject = 'deal' AND f.subject_id = d.id
	WHERE d.organization_id = NEW.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (day, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
	SELECT f.date, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, NEW.layer, count(*)
	FROM deals d JOIN fact_first_citations f ON f.subject = 'deal' AND f.subject_id = d.id
	WHERE d.organization_id = NEW.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (day, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER deal_known_counts_position_delete AFTER DELETE ON positions BEGIN
	INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
	SELECT f.date, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, OLD.layer, -count(*)
	FROM deals d JOIN fact_first_citations f ON f.subject = 'deal' AND f.subject_id = d.id
	WHERE d.organization_id = OLD.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (day, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
	SELECT f.date, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, '', count(*)
	FROM deals d JOIN fact_first_citations f ON f.subject = 'deal' AND f.subject_id = d.id
	WHERE d.organization_id = OLD.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (day, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
CREATE TRIGGER deal_known_counts_position_update AFTER UPDATE OF layer, organization_id ON positions
WHEN OLD.layer IS NOT NEW.layer OR OLD.organization_id IS NOT NEW.organization_id
BEGIN
	INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
	SELECT f.date, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, OLD.layer, -count(*)
	FROM deals d JOIN fact_first_citations f ON f.subject = 'deal' AND f.subject_id = d.id
	WHERE d.organization_id = OLD.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (day, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
	SELECT f.date, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, '', count(*)
	FROM deals d JOIN fact_first_citations f ON f.subject = 'deal' AND f.subject_id = d.id
	WHERE d.organization_id = OLD.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (day, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
	SELECT f.date, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, '', -count(*)
	FROM deals d JOIN fact_first_citations f ON f.subject = 'deal' AND f.subject_id = d.id
	WHERE d.organization_id = NEW.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (day, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
	INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
	SELECT f.date, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, NEW.layer, count(*)
	FROM deals d JOIN fact_first_citations f ON f.subject = 'deal' AND f.subject_id = d.id
	WHERE d.organization_id = NEW.organization_id GROUP BY 1, 2, 3, 4
	ON CONFLICT (day, year, kind, status, layer) DO UPDATE SET deals = deals + excluded.deals;
END;
--> statement-breakpoint
INSERT INTO deal_known_counts (day, year, kind, status, layer, deals)
SELECT f.date, coalesce(CAST(substr(d.sort_date, 1, 4) AS INTEGER), 0), d.kind, d.status, coalesce(p.layer, ''), count(*)
FROM fact_first_citations f JOIN deals d ON d.id = f.subject_id LEFT JOIN positions p ON p.organization_id = d.organization_id
WHERE f.subject = 'deal' GROUP BY 1, 2, 3, 4, 5;
