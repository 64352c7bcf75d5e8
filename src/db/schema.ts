import { sql } from "drizzle-orm";
import { check, integer, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";

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
    /** UTC, ms since epoch. */
    createdAt: integer("created_at").notNull(),
  },
  () => [check("accounts_language", sql`language in ('id', 'en')`)],
);

/** Addresses allowed to forward into an account; anything else is refused. */
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
