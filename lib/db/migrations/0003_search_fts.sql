-- Full-text search over organizations (names, aliases, descriptions), deals and sources.
-- drizzle cannot express FTS5 virtual tables, hence this custom migration. The index is
-- rebuilt from the base tables by db/search-index.ts at the end of every seed and import.
CREATE VIRTUAL TABLE `search_index` USING fts5(
	`kind` UNINDEXED,
	`ref` UNINDEXED,
	`title`,
	`body`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- Every indexed term with its document count: the dictionary typo correction searches.
CREATE VIRTUAL TABLE `search_vocab` USING fts5vocab(`search_index`, 'row');
