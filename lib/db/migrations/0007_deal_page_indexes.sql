DROP INDEX `deals_kind_status_org_idx`;--> statement-breakpoint
DROP INDEX `deals_status_kind_org_idx`;--> statement-breakpoint
CREATE INDEX `deals_kind_status_timeline_idx` ON `deals` (`kind`,`status`,"sort_date" IS NULL,`sort_date`);