import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";

// Instants are UTC milliseconds; calendar dates (a promised decision day) are YYYY-MM-DD in the account's zone.

export const accounts = sqliteTable(
  "accounts",
  {
    id: integer("id").primaryKey(),
    /** The Email Routing address this account's forwards arrive at. */
    inboundAddress: text("inbound_address").notNull().unique(),
    digestAddress: text("digest_address").notNull(),
    /** IANA zone name, e.g. Asia/Jakarta. */
    zone: text("zone").notNull(),
    language: text("language", { enum: ["id", "en"] }).notNull(),
    /** Answer each accepted message with one line of what was understood. */
    acknowledge: integer("acknowledge", { mode: "boolean" }).notNull().default(true),
    /** The follow-up rules (src/plan/rules.ts); missing ones take their defaults. */
    rules: text("rules", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    /** SHA-256 of the calendar feed's secret (src/web/feed.ts); null until one is made. */
    feedSecretHash: text("feed_secret_hash").unique(),
    createdAt: integer("created_at").notNull(),
  },
  () => [check("accounts_language", sql`language in ('id', 'en')`)],
);

/** Addresses allowed to forward into an account (normalised, see src/mail/sender.ts); anything else is refused. */
export const accountSenders = sqliteTable(
  "account_senders",
  {
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    address: text("address").notNull(),
  },
  (t) => [unique("account_senders_account_address").on(t.accountId, t.address)],
);

/** The person's own changes to the shipped holiday lists. */
export const accountHolidays = sqliteTable(
  "account_holidays",
  {
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    date: text("date").notNull(),
    name: text("name").notNull(),
    change: text("change", { enum: ["added", "removed"] }).notNull(),
  },
  (t) => [unique("account_holidays_account_date").on(t.accountId, t.date)],
);

export const APPLICATION_STATUSES = [
  "active",
  "offer",
  "rejected",
  "deferred",
  "withdrawn",
  "stopped",
] as const;

/** One application per company + role: what every message about it is linked to. */
export const applications = sqliteTable(
  "applications",
  {
    id: integer("id").primaryKey(),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    company: text("company"),
    position: text("position"),
    /** Company and position reduced to letters and digits, for linking ("PT Mitra Logistik" = "Mitra Logistik"). */
    companyKey: text("company_key"),
    positionKey: text("position_key"),
    /** The recruiter's own domain (not a job platform's or a free mail provider's). */
    recruiterDomain: text("recruiter_domain"),
    contact: text("contact"),
    language: text("language", { enum: ["id", "en"] }),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull().default("active"),
    /** Where the planner says it stands: scheduled, interviewed, waiting, followed_up_1, followed_up_2, closed. */
    phase: text("phase").notNull().default("waiting"),
    /** The planner's warnings, e.g. a year without holiday data. */
    planFlags: text("plan_flags", { mode: "json" }).$type<string[]>().notNull().default([]),
    stage: text("stage"),
    respondBy: text("respond_by"),
    respondByRule: text("respond_by_rule", { mode: "json" }),
    dueBy: text("due_by"),
    dueByRule: text("due_by_rule", { mode: "json" }),
    /** Fields the person corrected by hand: re-reading the mail never overwrites them. */
    fixedFields: text("fixed_fields", { mode: "json" }).$type<string[]>().notNull().default([]),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("applications_account_company").on(t.accountId, t.companyKey, t.positionKey),
    index("applications_account_domain").on(t.accountId, t.recruiterDomain),
  ],
);

export const MESSAGE_STEPS = ["stored", "parsed", "extracted", "linked"] as const;
export const MESSAGE_STATUSES = ["pending", "done", "review", "duplicate"] as const;

/** Every accepted message: its raw bytes are in R2 under `rawKey`; `step` says how far the pipeline got. */
export const messages = sqliteTable(
  "messages",
  {
    id: integer("id").primaryKey(),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** SHA-256 of the delivered Message-ID (of the bytes when there is none): a redelivery has the same. */
    deliveryKey: text("delivery_key").notNull(),
    /** The forwarded original's identity: the same original forwarded from two addresses is one message. */
    originalKey: text("original_key"),
    rawKey: text("raw_key").notNull(),
    /** When kabari deleted the raw message from R2 after the retention period (RAW_MAIL_DAYS). */
    rawDeletedAt: integer("raw_deleted_at"),
    rawSize: integer("raw_size").notNull(),
    envelopeFrom: text("envelope_from").notNull(),
    direction: text("direction", { enum: ["inbound", "outbound"] })
      .notNull()
      .default("inbound"),
    step: text("step", { enum: MESSAGE_STEPS }).notNull().default("stored"),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull().default("pending"),
    reviewReason: text("review_reason"),
    messageId: text("message_id"),
    originalMessageId: text("original_message_id"),
    /** In-Reply-To and References of the delivered message and of the original, for linking by thread. */
    threadIds: text("thread_ids", { mode: "json" }).$type<string[]>().notNull().default([]),
    subject: text("subject"),
    fromAddress: text("from_address"),
    sentAt: integer("sent_at"),
    kind: text("kind"),
    facts: text("facts", { mode: "json" }),
    extractorVersion: integer("extractor_version"),
    applicationId: integer("application_id").references(() => applications.id, { onDelete: "set null" }),
    receivedAt: integer("received_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    unique("messages_account_delivery").on(t.accountId, t.deliveryKey),
    unique("messages_account_original").on(t.accountId, t.originalKey),
    index("messages_account_message_id").on(t.accountId, t.messageId),
    index("messages_account_original_message_id").on(t.accountId, t.originalMessageId),
    index("messages_application").on(t.applicationId, t.receivedAt),
    index("messages_account_status").on(t.accountId, t.status),
    index("messages_raw_kept").on(t.rawDeletedAt, t.receivedAt),
  ],
);

export const INTERVIEW_STATUSES = ["scheduled", "confirmed", "cancelled"] as const;

export const interviews = sqliteTable(
  "interviews",
  {
    id: integer("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    startAt: integer("start_at").notNull(),
    endAt: integer("end_at"),
    /** The IANA zone it was written in, when known; the account's zone otherwise. */
    zone: text("zone"),
    meetingUrl: text("meeting_url"),
    place: text("place"),
    interviewer: text("interviewer"),
    stage: text("stage"),
    status: text("status", { enum: INTERVIEW_STATUSES }).notNull().default("scheduled"),
    /** The message that set it last. */
    messageId: integer("message_id").references(() => messages.id, { onDelete: "set null" }),
    /** The message that first named it: reading that message again updates this interview, never adds one. */
    createdByMessageId: integer("created_by_message_id").references(() => messages.id, {
      onDelete: "set null",
    }),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("interviews_application_start").on(t.applicationId, t.startAt)],
);

export const REMINDER_STATUSES = ["pending", "done", "snoozed", "cancelled"] as const;

/** What the morning digest lists; planned by src/plan from applications, interviews and messages. */
export const reminders = sqliteTable(
  "reminders",
  {
    id: integer("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    interviewId: integer("interview_id").references(() => interviews.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    dueAt: integer("due_at").notNull(),
    /** A thank-you after a screening call is recommended, not required. */
    required: integer("required", { mode: "boolean" }).notNull().default(true),
    why: text("why"),
    status: text("status", { enum: REMINDER_STATUSES }).notNull().default("pending"),
    doneAt: integer("done_at"),
    snoozedUntil: integer("snoozed_until"),
    /** When the same-day thank-you nudge went out (once). */
    nudgedAt: integer("nudged_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("reminders_application_kind").on(t.applicationId, t.kind),
    index("reminders_status_due").on(t.status, t.dueAt),
  ],
);

export const DIGEST_STATUSES = ["claimed", "sent", "failed", "skipped"] as const;

/** One digest per account and local day: claimed with a lease before sending, completed after. */
export const digests = sqliteTable(
  "digests",
  {
    id: integer("id").primaryKey(),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** YYYY-MM-DD in the account's zone. */
    localDate: text("local_date").notNull(),
    status: text("status", { enum: DIGEST_STATUSES }).notNull(),
    /** A claim not completed by then may be taken again (the sender died). */
    leaseUntil: integer("lease_until"),
    attempts: integer("attempts").notNull().default(0),
    sentAt: integer("sent_at"),
    items: integer("items"),
    error: text("error"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [unique("digests_account_date").on(t.accountId, t.localDate), index("digests_date").on(t.localDate)],
);

/** Digest links already used: each works once. */
export const usedLinks = sqliteTable("used_links", {
  nonce: text("nonce").primaryKey(),
  usedAt: integer("used_at").notNull(),
});

/** Sign-in links: only the SHA-256 of the token is kept, so a leaked table signs no one in. */
export const loginTokens = sqliteTable(
  "login_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("login_tokens_account").on(t.accountId)],
);

/** Signed-in browsers: the cookie holds the id, the table only its SHA-256. */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_account").on(t.accountId)],
);

/** Sign-in requests, counted per address and per IP for the rate limit (`key` is "email:…" or "ip:…"). */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    key: text("key").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("login_attempts_key_at").on(t.key, t.at)],
);
