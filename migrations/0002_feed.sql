ALTER TABLE `accounts` ADD `feed_secret_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_feed_secret_hash_unique` ON `accounts` (`feed_secret_hash`);