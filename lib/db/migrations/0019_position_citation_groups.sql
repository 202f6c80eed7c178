-- The citations of positions, counted per group of what the overview shows them by: the
-- position's kind columns (lib/domain/position-kinds.ts reads them) and the cited source,
-- paragraph and note. The overview's holdings card, listings card and portfolio chart cite
-- every position through this table: a few hundred rows, where grouping every position's
-- citation with its position and organization took ~140 ms on the synthetic database.
-- NULL kind and note are stored as '' (a primary key column of a WITHOUT ROWID table
-- cannot be NULL); readers turn '' back into NULL.
CREATE TABLE `position_citation_groups` (
	`kind` text NOT NULL,
	`layer` text NOT NULL,
	`relationship` text NOT NULL,
	`status` text NOT NULL,
	`segment` text NOT NULL,
	`organization_kind` text NOT NULL,
	`source_id` integer NOT NULL,
	`locator` text NOT NULL,
	`note` text NOT NULL,
	`citations` integer NOT NULL,
	PRIMARY KEY(`kind`, `layer`, `relationship`, `status`, `segment`, `organization_kind`, `source_id`, `locator`, `note`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Kept like position_kind_counts (0014): every write adds or subtracts through an upsert,
-- reading the position and its organization as they are. A delete cascades to the child
-- rows after the parent row is gone, so the parent's own BEFORE DELETE takes its citations
-- out and the child's trigger, finding no parent, adds nothing.
CREATE TRIGGER position_citation_groups_cite AFTER INSERT ON citations WHEN NEW.position_id IS NOT NULL BEGIN
	INSERT INTO position_citation_groups (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note, citations)
	SELECT coalesce(p.kind, ''), p.layer, p.relationship, p.status, p.segment, o.kind, NEW.source_id, NEW.locator, coalesce(NEW.note, ''), 1
	FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE p.id = NEW.position_id
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note) DO UPDATE SET citations = citations + excluded.citations;
END;
--> statement-breakpoint
CREATE TRIGGER position_citation_groups_uncite AFTER DELETE ON citations WHEN OLD.position_id IS NOT NULL BEGIN
	INSERT INTO position_citation_groups (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note, citations)
	SELECT coalesce(p.kind, ''), p.layer, p.relationship, p.status, p.segment, o.kind, OLD.source_id, OLD.locator, coalesce(OLD.note, ''), -1
	FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE p.id = OLD.position_id
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note) DO UPDATE SET citations = citations + excluded.citations;
END;
--> statement-breakpoint
CREATE TRIGGER position_citation_groups_recite AFTER UPDATE OF position_id, source_id, locator, note ON citations
WHEN OLD.position_id IS NOT NULL OR NEW.position_id IS NOT NULL
BEGIN
	INSERT INTO position_citation_groups (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note, citations)
	SELECT coalesce(p.kind, ''), p.layer, p.relationship, p.status, p.segment, o.kind, OLD.source_id, OLD.locator, coalesce(OLD.note, ''), -1
	FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE p.id = OLD.position_id
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note) DO UPDATE SET citations = citations + excluded.citations;
	INSERT INTO position_citation_groups (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note, citations)
	SELECT coalesce(p.kind, ''), p.layer, p.relationship, p.status, p.segment, o.kind, NEW.source_id, NEW.locator, coalesce(NEW.note, ''), 1
	FROM positions p JOIN organizations o ON o.id = p.organization_id WHERE p.id = NEW.position_id
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note) DO UPDATE SET citations = citations + excluded.citations;
END;
--> statement-breakpoint
CREATE TRIGGER position_citation_groups_position_update AFTER UPDATE OF kind, layer, relationship, status, segment, organization_id ON positions BEGIN
	INSERT INTO position_citation_groups (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note, citations)
	SELECT coalesce(OLD.kind, ''), OLD.layer, OLD.relationship, OLD.status, OLD.segment, o.kind, c.source_id, c.locator, coalesce(c.note, ''), -count(*)
	FROM citations c JOIN organizations o ON o.id = OLD.organization_id WHERE c.position_id = OLD.id GROUP BY c.source_id, c.locator, coalesce(c.note, '')
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note) DO UPDATE SET citations = citations + excluded.citations;
	INSERT INTO position_citation_groups (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note, citations)
	SELECT coalesce(NEW.kind, ''), NEW.layer, NEW.relationship, NEW.status, NEW.segment, o.kind, c.source_id, c.locator, coalesce(c.note, ''), count(*)
	FROM citations c JOIN organizations o ON o.id = NEW.organization_id WHERE c.position_id = NEW.id GROUP BY c.source_id, c.locator, coalesce(c.note, '')
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note) DO UPDATE SET citations = citations + excluded.citations;
END;
--> statement-breakpoint
CREATE TRIGGER position_citation_groups_position_delete BEFORE DELETE ON positions BEGIN
	INSERT INTO position_citation_groups (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note, citations)
	SELECT coalesce(OLD.kind, ''), OLD.layer, OLD.relationship, OLD.status, OLD.segment, o.kind, c.source_id, c.locator, coalesce(c.note, ''), -count(*)
	FROM citations c JOIN organizations o ON o.id = OLD.organization_id WHERE c.position_id = OLD.id GROUP BY c.source_id, c.locator, coalesce(c.note, '')
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note) DO UPDATE SET citations = citations + excluded.citations;
END;
--> statement-breakpoint
CREATE TRIGGER position_citation_groups_organization_delete BEFORE DELETE ON organizations BEGIN
	INSERT INTO position_citation_groups (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note, citations)
	SELECT coalesce(p.kind, ''), p.layer, p.relationship, p.status, p.segment, OLD.kind, c.source_id, c.locator, coalesce(c.note, ''), -count(*)
	FROM positions p JOIN citations c ON c.position_id = p.id WHERE p.organization_id = OLD.id GROUP BY 1, 2, 3, 4, 5, 7, 8, 9
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note) DO UPDATE SET citations = citations + excluded.citations;
END;
--> statement-breakpoint
CREATE TRIGGER position_citation_groups_organization_kind AFTER UPDATE OF kind ON organizations
WHEN OLD.kind IS NOT NEW.kind
BEGIN
	INSERT INTO position_citation_groups (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note, citations)
	SELECT coalesce(p.kind, ''), p.layer, p.relationship, p.status, p.segment, OLD.kind, c.source_id, c.locator, coalesce(c.note, ''), -count(*)
	FROM positions p JOIN citations c ON c.position_id = p.id WHERE p.organization_id = NEW.id GROUP BY 1, 2, 3, 4, 5, 7, 8, 9
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note) DO UPDATE SET citations = citations + excluded.citations;
	INSERT INTO position_citation_groups (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note, citations)
	SELECT coalesce(p.kind, ''), p.layer, p.relationship, p.status, p.segment, NEW.kind, c.source_id, c.locator, coalesce(c.note, ''), count(*)
	FROM positions p JOIN citations c ON c.position_id = p.id WHERE p.organization_id = NEW.id GROUP BY 1, 2, 3, 4, 5, 7, 8, 9
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note) DO UPDATE SET citations = citations + excluded.citations;
END;
--> statement-breakpoint
-- Counts for rows already in the database (same statement as lib/db/summaries.ts).
INSERT INTO position_citation_groups (kind, layer, relationship, status, segment, organization_kind, source_id, locator, note, citations)
SELECT coalesce(p.kind, ''), p.layer, p.relationship, p.status, p.segment, o.kind, c.source_id, c.locator, coalesce(c.note, ''), count(*)
FROM citations c JOIN positions p ON p.id = c.position_id JOIN organizations o ON o.id = p.organization_id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
