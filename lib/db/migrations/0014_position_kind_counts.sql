CREATE TABLE `position_kind_counts` (
	`kind` text NOT NULL,
	`layer` text NOT NULL,
	`relationship` text NOT NULL,
	`status` text NOT NULL,
	`segment` text NOT NULL,
	`organization_kind` text NOT NULL,
	`companies` integer NOT NULL,
	PRIMARY KEY(`kind`, `layer`, `relationship`, `status`, `segment`, `organization_kind`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Kept like position_counts (0006): every write adds or subtracts through an upsert. The
-- organization's kind is read from organizations; deleting an organization cascades to its
-- position after the organization row is gone, so the organization's own BEFORE DELETE
-- takes its position out and the position's delete trigger skips a position whose
-- organization no longer exists.
CREATE TRIGGER position_kind_counts_insert AFTER INSERT ON positions BEGIN
	INSERT INTO position_kind_counts (kind, layer, relationship, status, segment, organization_kind, companies)
	SELECT coalesce(NEW.kind, ''), NEW.layer, NEW.relationship, NEW.status, NEW.segment, o.kind, 1 FROM organizations o WHERE o.id = NEW.organization_id
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind) DO UPDATE SET companies = companies + excluded.companies;
END;
--> statement-breakpoint
CREATE TRIGGER position_kind_counts_delete AFTER DELETE ON positions BEGIN
	INSERT INTO position_kind_counts (kind, layer, relationship, status, segment, organization_kind, companies)
	SELECT coalesce(OLD.kind, ''), OLD.layer, OLD.relationship, OLD.status, OLD.segment, o.kind, -1 FROM organizations o WHERE o.id = OLD.organization_id
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind) DO UPDATE SET companies = companies + excluded.companies;
END;
--> statement-breakpoint
CREATE TRIGGER position_kind_counts_update AFTER UPDATE OF kind, layer, relationship, status, segment, organization_id ON positions BEGIN
	INSERT INTO position_kind_counts (kind, layer, relationship, status, segment, organization_kind, companies)
	SELECT coalesce(OLD.kind, ''), OLD.layer, OLD.relationship, OLD.status, OLD.segment, o.kind, -1 FROM organizations o WHERE o.id = OLD.organization_id
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind) DO UPDATE SET companies = companies + excluded.companies;
	INSERT INTO position_kind_counts (kind, layer, relationship, status, segment, organization_kind, companies)
	SELECT coalesce(NEW.kind, ''), NEW.layer, NEW.relationship, NEW.status, NEW.segment, o.kind, 1 FROM organizations o WHERE o.id = NEW.organization_id
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind) DO UPDATE SET companies = companies + excluded.companies;
END;
--> statement-breakpoint
CREATE TRIGGER position_kind_counts_organization_delete BEFORE DELETE ON organizations BEGIN
	INSERT INTO position_kind_counts (kind, layer, relationship, status, segment, organization_kind, companies)
	SELECT coalesce(p.kind, ''), p.layer, p.relationship, p.status, p.segment, OLD.kind, -1 FROM positions p WHERE p.organization_id = OLD.id
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind) DO UPDATE SET companies = companies + excluded.companies;
END;
--> statement-breakpoint
CREATE TRIGGER position_kind_counts_organization_kind AFTER UPDATE OF kind ON organizations
WHEN OLD.kind IS NOT NEW.kind
BEGIN
	INSERT INTO position_kind_counts (kind, layer, relationship, status, segment, organization_kind, companies)
	SELECT coalesce(p.kind, ''), p.layer, p.relationship, p.status, p.segment, OLD.kind, -1 FROM positions p WHERE p.organization_id = NEW.id
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind) DO UPDATE SET companies = companies + excluded.companies;
	INSERT INTO position_kind_counts (kind, layer, relationship, status, segment, organization_kind, companies)
	SELECT coalesce(p.kind, ''), p.layer, p.relationship, p.status, p.segment, NEW.kind, 1 FROM positions p WHERE p.organization_id = NEW.id
	ON CONFLICT (kind, layer, relationship, status, segment, organization_kind) DO UPDATE SET companies = companies + excluded.companies;
END;
--> statement-breakpoint
-- Counts for rows already in the database (same statement as lib/db/summaries.ts).
INSERT INTO position_kind_counts (kind, layer, relationship, status, segment, organization_kind, companies)
SELECT coalesce(p.kind, ''), p.layer, p.relationship, p.status, p.segment, o.kind, count(*)
FROM positions p JOIN organizations o ON o.id = p.organization_id GROUP BY 1, 2, 3, 4, 5, 6;
