CREATE TABLE `source_fact_counts` (
	`source_id` integer NOT NULL,
	`kind` text NOT NULL,
	`facts` integer NOT NULL,
	PRIMARY KEY(`source_id`, `kind`)
);
--> statement-breakpoint
-- Kept exact on every write to citations, like the summaries of 0006: a citation adds one
-- fact to its source unless another citation of the same source already names the same
-- subject (a fact cited at three paragraphs counts once), and its removal takes one away
-- when it was the last. Each check is one lookup in the subject's citation index.
CREATE TRIGGER source_fact_counts_insert AFTER INSERT ON citations BEGIN
	INSERT INTO source_fact_counts (source_id, kind, facts)
	SELECT NEW.source_id, kind, 1 FROM (
		SELECT 'organization' AS kind WHERE NEW.organization_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.organization_id = NEW.organization_id AND c.source_id = NEW.source_id AND c.id <> NEW.id)
		UNION ALL SELECT 'position' AS kind WHERE NEW.position_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.position_id = NEW.position_id AND c.source_id = NEW.source_id AND c.id <> NEW.id)
		UNION ALL SELECT 'deal' AS kind WHERE NEW.deal_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.deal_id = NEW.deal_id AND c.source_id = NEW.source_id AND c.id <> NEW.id)
		UNION ALL SELECT 'financial' AS kind WHERE NEW.financial_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.financial_id = NEW.financial_id AND c.source_id = NEW.source_id AND c.id <> NEW.id)
		UNION ALL SELECT 'spending' AS kind WHERE NEW.spending_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.spending_id = NEW.spending_id AND c.source_id = NEW.source_id AND c.id <> NEW.id)
	) WHERE true
	ON CONFLICT (source_id, kind) DO UPDATE SET facts = facts + excluded.facts;
END;
--> statement-breakpoint
CREATE TRIGGER source_fact_counts_delete AFTER DELETE ON citations BEGIN
	INSERT INTO source_fact_counts (source_id, kind, facts)
	SELECT OLD.source_id, kind, -1 FROM (
		SELECT 'organization' AS kind WHERE OLD.organization_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.organization_id = OLD.organization_id AND c.source_id = OLD.source_id AND c.id <> OLD.id)
		UNION ALL SELECT 'position' AS kind WHERE OLD.position_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.position_id = OLD.position_id AND c.source_id = OLD.source_id AND c.id <> OLD.id)
		UNION ALL SELECT 'deal' AS kind WHERE OLD.deal_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.deal_id = OLD.deal_id AND c.source_id = OLD.source_id AND c.id <> OLD.id)
		UNION ALL SELECT 'financial' AS kind WHERE OLD.financial_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.financial_id = OLD.financial_id AND c.source_id = OLD.source_id AND c.id <> OLD.id)
		UNION ALL SELECT 'spending' AS kind WHERE OLD.spending_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.spending_id = OLD.spending_id AND c.source_id = OLD.source_id AND c.id <> OLD.id)
	) WHERE true
	ON CONFLICT (source_id, kind) DO UPDATE SET facts = facts + excluded.facts;
END;
--> statement-breakpoint
CREATE TRIGGER source_fact_counts_update AFTER UPDATE ON citations BEGIN
	INSERT INTO source_fact_counts (source_id, kind, facts)
	SELECT OLD.source_id, kind, -1 FROM (
		SELECT 'organization' AS kind WHERE OLD.organization_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.organization_id = OLD.organization_id AND c.source_id = OLD.source_id AND c.id <> OLD.id)
		UNION ALL SELECT 'position' AS kind WHERE OLD.position_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.position_id = OLD.position_id AND c.source_id = OLD.source_id AND c.id <> OLD.id)
		UNION ALL SELECT 'deal' AS kind WHERE OLD.deal_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.deal_id = OLD.deal_id AND c.source_id = OLD.source_id AND c.id <> OLD.id)
		UNION ALL SELECT 'financial' AS kind WHERE OLD.financial_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.financial_id = OLD.financial_id AND c.source_id = OLD.source_id AND c.id <> OLD.id)
		UNION ALL SELECT 'spending' AS kind WHERE OLD.spending_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.spending_id = OLD.spending_id AND c.source_id = OLD.source_id AND c.id <> OLD.id)
	) WHERE true
	ON CONFLICT (source_id, kind) DO UPDATE SET facts = facts + excluded.facts;
	INSERT INTO source_fact_counts (source_id, kind, facts)
	SELECT NEW.source_id, kind, 1 FROM (
		SELECT 'organization' AS kind WHERE NEW.organization_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.organization_id = NEW.organization_id AND c.source_id = NEW.source_id AND c.id <> NEW.id)
		UNION ALL SELECT 'position' AS kind WHERE NEW.position_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.position_id = NEW.position_id AND c.source_id = NEW.source_id AND c.id <> NEW.id)
		UNION ALL SELECT 'deal' AS kind WHERE NEW.deal_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.deal_id = NEW.deal_id AND c.source_id = NEW.source_id AND c.id <> NEW.id)
		UNION ALL SELECT 'financial' AS kind WHERE NEW.financial_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.financial_id = NEW.financial_id AND c.source_id = NEW.source_id AND c.id <> NEW.id)
		UNION ALL SELECT 'spending' AS kind WHERE NEW.spending_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.spending_id = NEW.spending_id AND c.source_id = NEW.source_id AND c.id <> NEW.id)
	) WHERE true
	ON CONFLICT (source_id, kind) DO UPDATE SET facts = facts + excluded.facts;
END;
--> statement-breakpoint
INSERT INTO source_fact_counts (source_id, kind, facts)
SELECT source_id, 'organization', count(DISTINCT organization_id) FROM citations WHERE organization_id IS NOT NULL GROUP BY source_id
UNION ALL SELECT source_id, 'position', count(DISTINCT position_id) FROM citations WHERE position_id IS NOT NULL GROUP BY source_id
UNION ALL SELECT source_id, 'deal', count(DISTINCT deal_id) FROM citations WHERE deal_id IS NOT NULL GROUP BY source_id
UNION ALL SELECT source_id, 'financial', count(DISTINCT financial_id) FROM citations WHERE financial_id IS NOT NULL GROUP BY source_id
UNION ALL SELECT source_id, 'spending', count(DISTINCT spending_id) FROM citations WHERE spending_id IS NOT NULL GROUP BY source_id;
