DROP INDEX `deals_investor_idx`;--> statement-breakpoint
CREATE INDEX `deals_organization_timeline_idx` ON `deals` (`organization_id`,"sort_date" IS NULL,`sort_date`);--> statement-breakpoint
CREATE INDEX `deals_investor_timeline_idx` ON `deals` (`investor_id`,"sort_date" IS NULL,`sort_date`);