ALTER TABLE `messages` ADD `raw_deleted_at` integer;--> statement-breakpoint
CREATE INDEX `messages_raw_kept` ON `messages` (`raw_deleted_at`,`received_at`);