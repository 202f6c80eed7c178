CREATE TABLE `citations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`locator` text NOT NULL,
	`note` text,
	`organization_id` integer,
	`position_id` integer,
	`deal_id` integer,
	`financial_id` integer,
	`spending_id` integer,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`position_id`) REFERENCES `positions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`financial_id`) REFERENCES `financials`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`spending_id`) REFERENCES `spending`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "citations_one_subject_check" CHECK(("citations"."organization_id" IS NOT NULL) + ("citations"."position_id" IS NOT NULL) + ("citations"."deal_id" IS NOT NULL) + ("citations"."financial_id" IS NOT NULL) + ("citations"."spending_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE INDEX `citations_source_idx` ON `citations` (`source_id`);--> statement-breakpoint
CREATE INDEX `citations_organization_idx` ON `citations` (`organization_id`);--> statement-breakpoint
CREATE INDEX `citations_position_idx` ON `citations` (`position_id`);--> statement-breakpoint
CREATE INDEX `citations_deal_idx` ON `citations` (`deal_id`);--> statement-breakpoint
CREATE INDEX `citations_financial_idx` ON `citations` (`financial_id`);--> statement-breakpoint
CREATE INDEX `citations_spending_idx` ON `citations` (`spending_id`);--> statement-breakpoint
CREATE TABLE `claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conflict_id` integer NOT NULL,
	`source_id` integer NOT NULL,
	`locator` text NOT NULL,
	`value_text` text NOT NULL,
	`numeric_value` real,
	`unit` text,
	`is_preferred` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`conflict_id`) REFERENCES `conflicts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `claims_conflict_idx` ON `claims` (`conflict_id`);--> statement-breakpoint
CREATE INDEX `claims_source_idx` ON `claims` (`source_id`);--> statement-breakpoint
CREATE TABLE `conflicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`topic` text NOT NULL,
	`organization_id` integer,
	`subject` text,
	`description` text NOT NULL,
	`resolution` text,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conflicts_slug_unique` ON `conflicts` (`slug`);--> statement-breakpoint
CREATE INDEX `conflicts_organization_idx` ON `conflicts` (`organization_id`);--> statement-breakpoint
CREATE INDEX `conflicts_subject_idx` ON `conflicts` (`subject`);--> statement-breakpoint
CREATE TABLE `deal_co_investors` (
	`deal_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	PRIMARY KEY(`deal_id`, `organization_id`),
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deal_co_investors_org_idx` ON `deal_co_investors` (`organization_id`);--> statement-breakpoint
CREATE TABLE `deal_terms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer NOT NULL,
	`sort_order` integer NOT NULL,
	`term` text NOT NULL,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deal_terms_deal_idx` ON `deal_terms` (`deal_id`);--> statement-breakpoint
CREATE TABLE `deals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`organization_id` integer NOT NULL,
	`investor_id` integer NOT NULL,
	`date` text,
	`date_precision` text NOT NULL,
	`date_qualifier` text NOT NULL,
	`sort_date` text,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`amount` real,
	`currency` text,
	`qualifier` text NOT NULL,
	`stake_percent` real,
	`description` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`investor_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "deals_kind_check" CHECK("deals"."kind" IN ('equity-investment', 'acquisition', 'joint-venture', 'partnership', 'reorganisation', 'rumoured-investment')),
	CONSTRAINT "deals_status_check" CHECK("deals"."status" IN ('completed', 'announced', 'reported', 'rumoured', 'denied')),
	CONSTRAINT "deals_currency_check" CHECK("deals"."currency" IS NULL OR "deals"."currency" IN ('CNY', 'USD', 'GBP', 'JPY')),
	CONSTRAINT "deals_amount_check" CHECK(("deals"."amount" IS NULL) = ("deals"."currency" IS NULL) AND ("deals"."amount" IS NULL OR "deals"."amount" > 0)),
	CONSTRAINT "deals_stake_check" CHECK("deals"."stake_percent" IS NULL OR ("deals"."stake_percent" > 0 AND "deals"."stake_percent" <= 100))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deals_slug_unique` ON `deals` (`slug`);--> statement-breakpoint
CREATE INDEX `deals_organization_idx` ON `deals` (`organization_id`);--> statement-breakpoint
CREATE INDEX `deals_investor_idx` ON `deals` (`investor_id`);--> statement-breakpoint
CREATE INDEX `deals_sort_date_idx` ON `deals` (`sort_date`);--> statement-breakpoint
CREATE INDEX `deals_kind_idx` ON `deals` (`kind`);--> statement-breakpoint
CREATE INDEX `deals_status_idx` ON `deals` (`status`);--> statement-breakpoint
CREATE TABLE `financials` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`organization_id` integer NOT NULL,
	`metric` text NOT NULL,
	`period_label` text NOT NULL,
	`period_start` text,
	`period_end` text,
	`value` real NOT NULL,
	`unit` text NOT NULL,
	`qualifier` text NOT NULL,
	`change_percent` real,
	`change_basis` text,
	`description` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "financials_unit_check" CHECK("financials"."unit" IN ('CNY', 'USD', 'GBP', 'JPY', 'percent', 'units', 'people', 'years', 'multiple'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `financials_slug_unique` ON `financials` (`slug`);--> statement-breakpoint
CREATE INDEX `financials_org_metric_idx` ON `financials` (`organization_id`,`metric`,`period_end`);--> statement-breakpoint
CREATE TABLE `fx_rate_sources` (
	`fx_rate_id` integer NOT NULL,
	`source_id` integer NOT NULL,
	PRIMARY KEY(`fx_rate_id`, `source_id`),
	FOREIGN KEY (`fx_rate_id`) REFERENCES `fx_rates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `fx_rates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`currency` text NOT NULL,
	`per_usd` real NOT NULL,
	`as_of` text NOT NULL,
	`basis` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`note` text NOT NULL,
	CONSTRAINT "fx_rates_per_usd_check" CHECK("fx_rates"."per_usd" > 0)
);
--> statement-breakpoint
CREATE INDEX `fx_rates_currency_idx` ON `fx_rates` (`currency`);--> statement-breakpoint
CREATE UNIQUE INDEX `fx_rates_default_uq` ON `fx_rates` (`currency`) WHERE "fx_rates"."is_default" = 1;--> statement-breakpoint
CREATE TABLE `layers` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer NOT NULL,
	`description` text NOT NULL,
	CONSTRAINT "layers_slug_check" CHECK("layers"."slug" IN ('basic', 'technology', 'application'))
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `organization_aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`alias` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organization_aliases_org_alias_uq` ON `organization_aliases` (`organization_id`,`alias`);--> statement-breakpoint
CREATE INDEX `organization_aliases_alias_idx` ON `organization_aliases` (`alias`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`country` text,
	`description` text NOT NULL,
	CONSTRAINT "organizations_kind_check" CHECK("organizations"."kind" IN ('alibaba', 'alibaba-unit', 'portfolio', 'partner', 'competitor', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_slug_unique` ON `organizations` (`slug`);--> statement-breakpoint
CREATE INDEX `organizations_kind_idx` ON `organizations` (`kind`);--> statement-breakpoint
CREATE INDEX `organizations_name_idx` ON `organizations` (`name`);--> statement-breakpoint
CREATE TABLE `positions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`layer` text NOT NULL,
	`segment` text NOT NULL,
	`relationship` text NOT NULL,
	`status` text NOT NULL,
	`since` text,
	`note` text,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`layer`) REFERENCES `layers`(`slug`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "positions_relationship_check" CHECK("positions"."relationship" IN ('subsidiary', 'in-house', 'equity-investment', 'acquisition', 'joint-venture', 'partnership', 'rumoured')),
	CONSTRAINT "positions_status_check" CHECK("positions"."status" IN ('active', 'integrated', 'listing-in-progress', 'wound-down', 'denied'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `positions_organization_id_unique` ON `positions` (`organization_id`);--> statement-breakpoint
CREATE INDEX `positions_layer_segment_idx` ON `positions` (`layer`,`segment`);--> statement-breakpoint
CREATE INDEX `positions_relationship_idx` ON `positions` (`relationship`);--> statement-breakpoint
CREATE INDEX `positions_status_idx` ON `positions` (`status`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`title_note` text,
	`outlet` text,
	`published_date` text,
	`date_note` text,
	`file` text NOT NULL,
	`paragraph_count` integer NOT NULL,
	`summary` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_slug_unique` ON `sources` (`slug`);--> statement-breakpoint
CREATE TABLE `spending` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`organization_id` integer NOT NULL,
	`kind` text NOT NULL,
	`scope` text NOT NULL,
	`period_label` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`amount` real,
	`currency` text,
	`qualifier` text NOT NULL,
	`change_percent` real,
	`description` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "spending_kind_check" CHECK("spending"."kind" IN ('pledge', 'plan', 'actual')),
	CONSTRAINT "spending_scope_check" CHECK("spending"."scope" IN ('ai-data-centres', 'ai-cloud-infrastructure', 'total-capex', 'ai-infra-and-rnd', 'rnd', 'ai-capital-projects')),
	CONSTRAINT "spending_amount_check" CHECK(("spending"."amount" IS NULL) = ("spending"."currency" IS NULL) AND ("spending"."amount" IS NULL OR "spending"."amount" > 0)),
	CONSTRAINT "spending_period_check" CHECK("spending"."period_end" >= "spending"."period_start")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `spending_slug_unique` ON `spending` (`slug`);--> statement-breakpoint
CREATE INDEX `spending_org_idx` ON `spending` (`organization_id`);--> statement-breakpoint
CREATE INDEX `spending_scope_kind_idx` ON `spending` (`scope`,`kind`);