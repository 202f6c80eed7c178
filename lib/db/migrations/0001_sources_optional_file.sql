PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`title_note` text,
	`outlet` text,
	`published_date` text,
	`date_note` text,
	`file` text,
	`paragraph_count` integer,
	`summary` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_sources`("id", "slug", "title", "title_note", "outlet", "published_date", "date_note", "file", "paragraph_count", "summary") SELECT "id", "slug", "title", "title_note", "outlet", "published_date", "date_note", "file", "paragraph_count", "summary" FROM `sources`;--> statement-breakpoint
DROP TABLE `sources`;--> statement-breakpoint
ALTER TABLE `__new_sources` RENAME TO `sources`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `sources_slug_unique` ON `sources` (`slug`);