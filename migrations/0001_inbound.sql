CREATE TABLE `account_holidays` (
	`account_id` integer NOT NULL,
	`date` text NOT NULL,
	`name` text NOT NULL,
	`change` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_holidays_account_date` ON `account_holidays` (`account_id`,`date`);--> statement-breakpoint
CREATE TABLE `applications` (
	`id` integer PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`company` text,
	`position` text,
	`company_key` text,
	`position_key` text,
	`recruiter_domain` text,
	`contact` text,
	`language` text,
	`status` text DEFAULT 'active' NOT NULL,
	`phase` text DEFAULT 'waiting' NOT NULL,
	`plan_flags` text DEFAULT '[]' NOT NULL,
	`stage` text,
	`respond_by` text,
	`respond_by_rule` text,
	`due_by` text,
	`due_by_rule` text,
	`fixed_fields` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `applications_account_company` ON `applications` (`account_id`,`company_key`,`position_key`);--> statement-breakpoint
CREATE INDEX `applications_account_domain` ON `applications` (`account_id`,`recruiter_domain`);--> statement-breakpoint
CREATE TABLE `digests` (
	`id` integer PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`status` text NOT NULL,
	`lease_until` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`sent_at` integer,
	`items` integer,
	`error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `digests_date` ON `digests` (`local_date`);--> statement-breakpoint
CREATE UNIQUE INDEX `digests_account_date` ON `digests` (`account_id`,`local_date`);--> statement-breakpoint
CREATE TABLE `interviews` (
	`id` integer PRIMARY KEY NOT NULL,
	`application_id` integer NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer,
	`zone` text,
	`meeting_url` text,
	`place` text,
	`interviewer` text,
	`stage` text,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`message_id` integer,
	`created_by_message_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `interviews_application_start` ON `interviews` (`application_id`,`start_at`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_key_at` ON `login_attempts` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `login_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `login_tokens_account` ON `login_tokens` (`account_id`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`delivery_key` text NOT NULL,
	`original_key` text,
	`raw_key` text NOT NULL,
	`raw_size` integer NOT NULL,
	`envelope_from` text NOT NULL,
	`direction` text DEFAULT 'inbound' NOT NULL,
	`step` text DEFAULT 'stored' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`review_reason` text,
	`message_id` text,
	`original_message_id` text,
	`thread_ids` text DEFAULT '[]' NOT NULL,
	`subject` text,
	`from_address` text,
	`sent_at` integer,
	`kind` text,
	`facts` text,
	`extractor_version` integer,
	`application_id` integer,
	`received_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `messages_account_message_id` ON `messages` (`account_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `messages_account_original_message_id` ON `messages` (`account_id`,`original_message_id`);--> statement-breakpoint
CREATE INDEX `messages_application` ON `messages` (`application_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `messages_account_status` ON `messages` (`account_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_account_delivery` ON `messages` (`account_id`,`delivery_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_account_original` ON `messages` (`account_id`,`original_key`);--> statement-breakpoint
CREATE TABLE `reminders` (
	`id` integer PRIMARY KEY NOT NULL,
	`application_id` integer NOT NULL,
	`interview_id` integer,
	`kind` text NOT NULL,
	`due_at` integer NOT NULL,
	`required` integer DEFAULT true NOT NULL,
	`why` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`done_at` integer,
	`snoozed_until` integer,
	`nudged_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`interview_id`) REFERENCES `interviews`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reminders_application_kind` ON `reminders` (`application_id`,`kind`);--> statement-breakpoint
CREATE INDEX `reminders_status_due` ON `reminders` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_account` ON `sessions` (`account_id`);--> statement-breakpoint
CREATE TABLE `used_links` (
	`nonce` text PRIMARY KEY NOT NULL,
	`used_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `accounts` ADD `acknowledge` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `accounts` ADD `rules` text DEFAULT '{}' NOT NULL;