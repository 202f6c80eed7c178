CREATE TABLE `paragraphs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`paragraph` integer NOT NULL,
	`paraphrase` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `paragraphs_source_paragraph_uq` ON `paragraphs` (`source_id`,`paragraph`);--> statement-breakpoint
ALTER TABLE `positions` ADD `kind` text;--> statement-breakpoint
ALTER TABLE `positions` ADD `merged_into_id` integer REFERENCES organizations(id);--> statement-breakpoint
ALTER TABLE `sources` ADD `published_date_estimated` integer DEFAULT false NOT NULL;