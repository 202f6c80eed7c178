CREATE TABLE `deal_counts` (
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`layer` text NOT NULL,
	`deals` integer NOT NULL,
	PRIMARY KEY(`year`, `kind`, `status`, `layer`)
);
--> statement-breakpoint
CREATE TABLE `deal_source_counts` (
	`source_id` integer NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`layer` text NOT NULL,
	`deals` integer NOT NULL,
	PRIMARY KEY(`source_id`, `year`, `kind`, `status`, `layer`)
);
--> statement-breakpoint
CREATE TABLE `position_counts` (
	`layer` text NOT NULL,
	`relationship` text NOT NULL,
	`status` text NOT NULL,
	`segment` text NOT NULL,
	`companies` integer NOT NULL,
	PRIMARY KEY(`layer`, `relationship`, `status`, `segment`)
);
