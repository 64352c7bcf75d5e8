CREATE TABLE `account_senders` (
	`account_id` integer NOT NULL,
	`address` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_senders_account_address` ON `account_senders` (`account_id`,`address`);--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY NOT NULL,
	`inbound_address` text NOT NULL,
	`digest_address` text NOT NULL,
	`zone` text NOT NULL,
	`language` text NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "accounts_language" CHECK(language in ('id', 'en'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_inbound_address_unique` ON `accounts` (`inbound_address`);