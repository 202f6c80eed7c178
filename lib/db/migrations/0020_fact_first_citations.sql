-- Each fact's first dated citation: for every deal, position, financial figure and spending
-- line that a dated source cites, the citation that dated it first (earliest source date,
-- then first recorded) and the company it belongs to. The change log and the feeds list a
-- range's added facts from here, newest first, through the indexes below, so a page reads
-- about as many rows as it shows. Found by walking each source's citations instead, a
-- source that re-cites facts dated earlier was read whole, and one company's feed ranked
-- every citation of its facts (1.3-1.4 s for a company with 300,000 deals: tests/perf/README.md,
-- facts16).
CREATE TABLE `fact_first_citations` (
	`subject` text NOT NULL,
	`subject_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`date` text NOT NULL,
	`source_id` integer NOT NULL,
	`citation_id` integer NOT NULL,
	PRIMARY KEY(`subject`, `subject_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `fact_first_citations_date_idx` ON `fact_first_citations` (`date`, `source_id`, `citation_id`);
--> statement-breakpoint
CREATE INDEX `fact_first_citations_organization_idx` ON `fact_first_citations` (`organization_id`, `date`, `source_id`, `citation_id`);
--> statement-breakpoint
-- Every dated citation of a fact, with its fact and company: what the table keeps the first
-- of. Readers filter it by subject and id; SQLite pushes that filter into the branch of the
-- subject, which reads the citations through that subject's index.
CREATE VIEW fact_citations AS
	SELECT 'deal' AS subject, c.deal_id AS subject_id, x.organization_id, s.published_date AS date, c.source_id, c.id AS citation_id
	FROM citations c JOIN sources s ON s.id = c.source_id JOIN deals x ON x.id = c.deal_id WHERE s.published_date IS NOT NULL
	UNION ALL
	SELECT 'position' AS subject, c.position_id AS subject_id, x.organization_id, s.published_date AS date, c.source_id, c.id AS citation_id
	FROM citations c JOIN sources s ON s.id = c.source_id JOIN positions x ON x.id = c.position_id WHERE s.published_date IS NOT NULL
	UNION ALL
	SELECT 'financial' AS subject, c.financial_id AS subject_id, x.organization_id, s.published_date AS date, c.source_id, c.id AS citation_id
	FROM citations c JOIN sources s ON s.id = c.source_id JOIN financials x ON x.id = c.financial_id WHERE s.published_date IS NOT NULL
	UNION ALL
	SELECT 'spending' AS subject, c.spending_id AS subject_id, x.organization_id, s.published_date AS date, c.source_id, c.id AS citation_id
	FROM citations c JOIN sources s ON s.id = c.source_id JOIN spending x ON x.id = c.spending_id WHERE s.published_date IS NOT NULL;
--> statement-breakpoint
-- A citation written recomputes its fact's first from that fact's own citations (a few,
-- through its index). A delete cascades to the citations after the fact's row is gone, so the
-- recount finds no fact and leaves none. The bulk path of db:import drops these three and
-- recomputes the facts it wrote, set-based (lib/db/summaries.ts).
CREATE TRIGGER fact_first_citations_cite AFTER INSERT ON citations WHEN NEW.organization_id IS NULL BEGIN
	DELETE FROM fact_first_citations WHERE subject = CASE WHEN NEW.deal_id IS NOT NULL THEN 'deal' WHEN NEW.position_id IS NOT NULL THEN 'position' WHEN NEW.financial_id IS NOT NULL THEN 'financial' ELSE 'spending' END AND subject_id = coalesce(NEW.deal_id, NEW.position_id, NEW.financial_id, NEW.spending_id);
	INSERT INTO fact_first_citations (subject, subject_id, organization_id, date, source_id, citation_id)
	SELECT subject, subject_id, organization_id, date, source_id, citation_id FROM fact_citations WHERE subject = CASE WHEN NEW.deal_id IS NOT NULL THEN 'deal' WHEN NEW.position_id IS NOT NULL THEN 'position' WHEN NEW.financial_id IS NOT NULL THEN 'financial' ELSE 'spending' END AND subject_id = coalesce(NEW.deal_id, NEW.position_id, NEW.financial_id, NEW.spending_id)
	ORDER BY date, citation_id LIMIT 1;
END;
--> statement-breakpoint
CREATE TRIGGER fact_first_citations_uncite AFTER DELETE ON citations WHEN OLD.organization_id IS NULL BEGIN
	DELETE FROM fact_first_citations WHERE subject = CASE WHEN OLD.deal_id IS NOT NULL THEN 'deal' WHEN OLD.position_id IS NOT NULL THEN 'position' WHEN OLD.financial_id IS NOT NULL THEN 'financial' ELSE 'spending' END AND subject_id = coalesce(OLD.deal_id, OLD.position_id, OLD.financial_id, OLD.spending_id);
	INSERT INTO fact_first_citations (subject, subject_id, organization_id, date, source_id, citation_id)
	SELECT subject, subject_id, organization_id, date, source_id, citation_id FROM fact_citations WHERE subject = CASE WHEN OLD.deal_id IS NOT NULL THEN 'deal' WHEN OLD.position_id IS NOT NULL THEN 'position' WHEN OLD.financial_id IS NOT NULL THEN 'financial' ELSE 'spending' END AND subject_id = coalesce(OLD.deal_id, OLD.position_id, OLD.financial_id, OLD.spending_id)
	ORDER BY date, citation_id LIMIT 1;
END;
--> statement-breakpoint
CREATE TRIGGER fact_first_citations_recite AFTER UPDATE OF source_id, organization_id, position_id, deal_id, financial_id, spending_id ON citations
WHEN OLD.organization_id IS NULL OR NEW.organization_id IS NULL
BEGIN
	DELETE FROM fact_first_citations WHERE subject = CASE WHEN OLD.deal_id IS NOT NULL THEN 'deal' WHEN OLD.position_id IS NOT NULL THEN 'position' WHEN OLD.financial_id IS NOT NULL THEN 'financial' ELSE 'spending' END AND subject_id = coalesce(OLD.deal_id, OLD.position_id, OLD.financial_id, OLD.spending_id);
	INSERT INTO fact_first_citations (subject, subject_id, organization_id, date, source_id, citation_id)
	SELECT subject, subject_id, organization_id, date, source_id, citation_id FROM fact_citations WHERE subject = CASE WHEN OLD.deal_id IS NOT NULL THEN 'deal' WHEN OLD.position_id IS NOT NULL THEN 'position' WHEN OLD.financial_id IS NOT NULL THEN 'financial' ELSE 'spending' END AND subject_id = coalesce(OLD.deal_id, OLD.position_id, OLD.financial_id, OLD.spending_id)
	ORDER BY date, citation_id LIMIT 1;
	DELETE FROM fact_first_citations WHERE subject = CASE WHEN NEW.deal_id IS NOT NULL THEN 'deal' WHEN NEW.position_id IS NOT NULL THEN 'position' WHEN NEW.financial_id IS NOT NULL THEN 'financial' ELSE 'spending' END AND subject_id = coalesce(NEW.deal_id, NEW.position_id, NEW.financial_id, NEW.spending_id);
	INSERT INTO fact_first_citations (subject, subject_id, organization_id, date, source_id, citation_id)
	SELECT subject, subject_id, organization_id, date, source_id, citation_id FROM fact_citations WHERE subject = CASE WHEN NEW.deal_id IS NOT NULL THEN 'deal' WHEN NEW.position_id IS NOT NULL THEN 'position' WHEN NEW.financial_id IS NOT NULL THEN 'financial' ELSE 'spending' END AND subject_id = coalesce(NEW.deal_id, NEW.position_id, NEW.financial_id, NEW.spending_id)
	ORDER BY date, citation_id LIMIT 1;
END;
--> statement-breakpoint
-- A source's date moves the first of every fact it cites.
CREATE TRIGGER fact_first_citations_redate AFTER UPDATE OF published_date ON sources WHEN OLD.published_date IS NOT NEW.published_date BEGIN
	DELETE FROM fact_first_citations WHERE subject = 'deal' AND subject_id IN (SELECT deal_id FROM citations WHERE source_id = NEW.id AND deal_id IS NOT NULL);
	DELETE FROM fact_first_citations WHERE subject = 'position' AND subject_id IN (SELECT position_id FROM citations WHERE source_id = NEW.id AND position_id IS NOT NULL);
	DELETE FROM fact_first_citations WHERE subject = 'financial' AND subject_id IN (SELECT financial_id FROM citations WHERE source_id = NEW.id AND financial_id IS NOT NULL);
	DELETE FROM fact_first_citations WHERE subject = 'spending' AND subject_id IN (SELECT spending_id FROM citations WHERE source_id = NEW.id AND spending_id IS NOT NULL);
	INSERT INTO fact_first_citations (subject, subject_id, organization_id, date, source_id, citation_id)
	SELECT subject, subject_id, organization_id, date, source_id, citation_id FROM (
		SELECT *, row_number() OVER (PARTITION BY subject, subject_id ORDER BY date, citation_id) AS n FROM (
			SELECT * FROM fact_citations WHERE subject = 'deal' AND subject_id IN (SELECT deal_id FROM citations WHERE source_id = NEW.id)
			UNION ALL
			SELECT * FROM fact_citations WHERE subject = 'position' AND subject_id IN (SELECT position_id FROM citations WHERE source_id = NEW.id)
			UNION ALL
			SELECT * FROM fact_citations WHERE subject = 'financial' AND subject_id IN (SELECT financial_id FROM citations WHERE source_id = NEW.id)
			UNION ALL
			SELECT * FROM fact_citations WHERE subject = 'spending' AND subject_id IN (SELECT spending_id FROM citations WHERE source_id = NEW.id)
		)
	) WHERE n = 1;
END;
--> statement-breakpoint
-- A fact moved to another company takes its row along.
CREATE TRIGGER fact_first_citations_deal_move AFTER UPDATE OF organization_id ON deals WHEN OLD.organization_id IS NOT NEW.organization_id BEGIN
	UPDATE fact_first_citations SET organization_id = NEW.organization_id WHERE subject = 'deal' AND subject_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER fact_first_citations_position_move AFTER UPDATE OF organization_id ON positions WHEN OLD.organization_id IS NOT NEW.organization_id BEGIN
	UPDATE fact_first_citations SET organization_id = NEW.organization_id WHERE subject = 'position' AND subject_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER fact_first_citations_financial_move AFTER UPDATE OF organization_id ON financials WHEN OLD.organization_id IS NOT NEW.organization_id BEGIN
	UPDATE fact_first_citations SET organization_id = NEW.organization_id WHERE subject = 'financial' AND subject_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER fact_first_citations_spending_move AFTER UPDATE OF organization_id ON spending WHEN OLD.organization_id IS NOT NEW.organization_id BEGIN
	UPDATE fact_first_citations SET organization_id = NEW.organization_id WHERE subject = 'spending' AND subject_id = NEW.id;
END;
--> statement-breakpoint
INSERT INTO fact_first_citations (subject, subject_id, organization_id, date, source_id, citation_id)
SELECT subject, subject_id, organization_id, date, source_id, citation_id FROM (
	SELECT *, row_number() OVER (PARTITION BY subject, subject_id ORDER BY date, citation_id) AS n FROM fact_citations
) WHERE n = 1;
