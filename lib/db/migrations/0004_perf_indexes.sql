DROP INDEX `deals_organization_idx`;--> statement-breakpoint
DROP INDEX `deals_kind_idx`;--> statement-breakpoint
DROP INDEX `deals_status_idx`;--> statement-breakpoint
CREATE INDEX `deals_organization_investor_kind_idx` ON `deals` (`organization_id`,`investor_id`,`kind`);--> statement-breakpoint
CREATE INDEX `deals_timeline_idx` ON `deals` ("sort_date" IS NULL,`sort_date`);--> statement-breakpoint
CREATE INDEX `deals_recent_idx` ON `deals` ("sort_date" IS NULL DESC,`sort_date`);--> statement-breakpoint
CREATE INDEX `deals_kind_timeline_idx` ON `deals` (`kind`,"sort_date" IS NULL,`sort_date`);--> statement-breakpoint
CREATE INDEX `deals_status_timeline_idx` ON `deals` (`status`,"sort_date" IS NULL,`sort_date`);--> statement-breakpoint
CREATE INDEX `deals_kind_status_org_idx` ON `deals` (`kind`,`status`,`organization_id`);--> statement-breakpoint
CREATE INDEX `deals_status_kind_org_idx` ON `deals` (`status`,`kind`,`organization_id`);--> statement-breakpoint
CREATE INDEX `positions_segment_idx` ON `positions` (`segment`);