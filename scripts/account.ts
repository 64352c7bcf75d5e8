/**
 * npm run account -- --inbound jobs+dewi@example.com --from dewi@gmail.com,dewi@work.example \
 *   [--digest dewi@gmail.com] [--zone Asia/Jakarta] [--language id] [--remote]
 *
 * Adds an account (or more sender addresses to an existing one) to the local D1, or the deployed one with
 * --remote, through `wrangler d1 execute`.
 */
import { spawnSync } from "node:child_process";
import { isZone } from "../src/extract/zone";
import { normaliseAddress } from "../src/mail/sender";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function option(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : fallback;
  if (value === undefined || value.startsWith("--")) fail(`--${name} is required`);
  return value;
}

const address = (value: string, what: string) =>
  normaliseAddress(value) ?? fail(`${what}: not an email address: ${value}`);
const inbound = address(option("inbound"), "--inbound");
const senders = option("from")
  .split(",")
  .map((a) => address(a.trim(), "--from"));
const digest = address(option("digest", senders[0]), "--digest");
const zone = option("zone", "Asia/Jakarta");
if (!isZone(zone)) fail(`--zone: not an IANA time zone: ${zone}`);
const language = option("language", "id");
if (language !== "id" && language !== "en") fail("--language: id or en");

// An address may hold an apostrophe (o'brien@example.com): SQL string literals double it.
const q = (value: string) => `'${value.replace(/'/g, "''")}'`;
const sql = [
  `INSERT INTO accounts (inbound_address, digest_address, zone, language, created_at) VALUES (${q(inbound)}, ${q(digest)}, ${q(zone)}, ${q(language)}, ${Date.now()}) ON CONFLICT (inbound_address) DO NOTHING;`,
  ...senders.map(
    (s) =>
      `INSERT INTO account_senders (account_id, address) SELECT id, ${q(s)} FROM accounts WHERE inbound_address = ${q(inbound)} ON CONFLICT (account_id, address) DO NOTHING;`,
  ),
].join(" ");
const where = process.argv.includes("--remote") ? "--remote" : "--local";
const run = spawnSync("npx", ["wrangler", "d1", "execute", "DB", where, "--command", sql], {
  stdio: "inherit",
  env: { ...process.env, CI: "true" },
});
process.exit(run.status ?? 1);
