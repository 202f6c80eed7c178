-- Name search through an index. Every organization name and alias, one row each, in an
-- FTS5 table with the trigram tokenizer: a quoted phrase of three or more characters
-- matches wherever it occurs inside a name, case-insensitively, the same rows
-- `lower(name) LIKE '%q%'` finds, from the index instead of a scan of every name.
-- rowid = organizations.id * 2 for a name, organization_aliases.id * 2 + 1 for an alias,
-- so a trigger replaces one row without searching for it. drizzle cannot express virtual
-- tables or triggers, hence this custom migration.
CREATE VIRTUAL TABLE `organization_names` USING fts5(
	`name`,
	`organization_id` UNINDEXED,
	tokenize = 'trigram'
);
--> statement-breakpoint
INSERT INTO `organization_names` (rowid, name, organization_id) SELECT id * 2, name, id FROM organizations;
--> statement-breakpoint
INSERT INTO `organization_names` (rowid, name, organization_id) SELECT id * 2 + 1, alias, organization_id FROM organization_aliases;
--> statement-breakpoint
CREATE TRIGGER `organization_names_org_insert` AFTER INSERT ON `organizations` BEGIN
	INSERT INTO organization_names (rowid, name, organization_id) VALUES (new.id * 2, new.name, new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `organization_names_org_update` AFTER UPDATE OF name, id ON `organizations` BEGIN
	DELETE FROM organization_names WHERE rowid = old.id * 2;
	INSERT INTO organization_names (rowid, name, organization_id) VALUES (new.id * 2, new.name, new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `organization_names_org_delete` AFTER DELETE ON `organizations` BEGIN
	DELETE FROM organization_names WHERE rowid = old.id * 2;
END;
--> statement-breakpoint
CREATE TRIGGER `organization_names_alias_insert` AFTER INSERT ON `organization_aliases` BEGIN
	INSERT INTO organization_names (rowid, name, organization_id) VALUES (new.id * 2 + 1, new.alias, new.organization_id);
END;
--> statement-breakpoint
CREATE TRIGGER `organization_names_alias_update` AFTER UPDATE ON `organization_aliases` BEGIN
	DELETE FROM organization_names WHERE rowid = old.id * 2 + 1;
	INSERT INTO organization_names (rowid, name, organization_id) VALUES (new.id * 2 + 1, new.alias, new.organization_id);
END;
--> statement-breakpoint
CREATE TRIGGER `organization_names_alias_delete` AFTER DELETE ON `organization_aliases` BEGIN
	DELETE FROM organization_names WHERE rowid = old.id * 2 + 1;
END;
--> statement-breakpoint
-- search_index again, with `kind` indexed rather than UNINDEXED: a search for one kind
-- ("kind : deal AND (…)") is then an intersection in the index, where filtering on an
-- unindexed kind visited every match of every kind (600,000 deals for "alibaba" on the
-- synthetic database before the first organization). Refilled here with the statements
-- db/search-index.ts uses.
DROP TABLE `search_vocab`;
--> statement-breakpoint
DROP TABLE `search_index`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_index` USING fts5(
	`kind`,
	`ref` UNINDEXED,
	`title`,
	`body`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_vocab` USING fts5vocab(`search_index`, 'row');
--> statement-breakpoint
INSERT INTO search_index (rowid, kind, ref, title, body)
  SELECT o.id * 3, 'organization', o.slug,
         o.name || ' ' || coalesce((SELECT group_concat(a.alias, ' ') FROM organization_aliases a WHERE a.organization_id = o.id), ''),
         coalesce(p.segment, '') || ' ' || o.description
  FROM organizations o LEFT JOIN positions p ON p.organization_id = o.id;
--> statement-breakpoint
INSERT INTO search_index (rowid, kind, ref, title, body)
  SELECT d.id * 3 + 1, 'deal', d.slug, o.name || ' ' || replace(d.kind, '-', ' '),
         i.name || ' ' || coalesce((SELECT group_concat(t.term, ' ') FROM deal_terms t WHERE t.deal_id = d.id), '') || ' ' || d.description
  FROM deals d JOIN organizations o ON o.id = d.organization_id JOIN organizations i ON i.id = d.investor_id;
--> statement-breakpoint
INSERT INTO search_index (rowid, kind, ref, title, body)
  SELECT s.id * 3 + 2, 'source', s.slug, s.title, coalesce(s.outlet, '') || ' ' || s.summary FROM sources s;
--> statement-breakpoint
-- The vocabulary of search_index (every indexed word), trigram-indexed: typo correction
-- picks the words sharing trigrams with a misspelt one from here, then measures edit
-- distance on those few, instead of on every word of similar length. Filled by
-- db/search-index.ts whenever search_index is.
CREATE VIRTUAL TABLE `search_terms` USING fts5(`term`, tokenize = 'trigram', detail = 'none');
--> statement-breakpoint
INSERT INTO `search_terms` (term) SELECT term FROM search_vocab;
