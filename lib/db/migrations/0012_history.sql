CREATE TABLE `revision_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`revision_id` integer NOT NULL,
	`record_type` text NOT NULL,
	`record_slug` text NOT NULL,
	`action` text NOT NULL,
	`fields` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`revision_id`) REFERENCES `revisions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `revision_changes_revision_idx` ON `revision_changes` (`revision_id`);--> statement-breakpoint
CREATE INDEX `revision_changes_record_idx` ON `revision_changes` (`record_type`,`record_slug`);--> statement-breakpoint
CREATE TABLE `revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`file_name` text NOT NULL,
	`file_hash` text NOT NULL,
	`rows_added` integer NOT NULL,
	`rows_updated` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `status_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer,
	`position_id` integer,
	`state` text NOT NULL,
	`date` text,
	`date_precision` text NOT NULL,
	`date_qualifier` text NOT NULL,
	`known_from` text,
	`source_id` integer NOT NULL,
	`locator` text NOT NULL,
	`note` text NOT NULL,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`position_id`) REFERENCES `positions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "status_changes_state_check" CHECK("status_changes"."state" IN ('rumoured', 'reported', 'denied', 'announced', 'completed', 'built', 'listing-guidance', 'listing-application', 'listed', 'wound-down')),
	CONSTRAINT "status_changes_one_subject_check" CHECK(("status_changes"."deal_id" IS NOT NULL) + ("status_changes"."position_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE INDEX `status_changes_deal_idx` ON `status_changes` (`deal_id`);--> statement-breakpoint
CREATE INDEX `status_changes_position_idx` ON `status_changes` (`position_id`);