/**
 * Scores unwrapForward against the peer suite the way ../shared/tools/score-forwards.mjs does, without the
 * CLI: each body is wrapped in the same minimal message (sent by pat@example.net, Subject from the subject
 * fixture, else the entry's outerSubject, else "Fwd: " + the original subject), decoded with postal-mime,
 * and its text and Subject are passed to unwrapForward.
 *
 *   npx tsx scripts/score-forward-unwrap.ts [SUITE_DIR] [--verbose] [--min 97]
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import PostalMime from "postal-mime";
import { unwrapForward } from "../src/extract/forward";
import type { Address, ForwardedOriginal } from "../src/extract/types";

interface Entry {
  body: string;
  subjectFile: string | null;
  client?: string;
  locale?: string;
  forwarded: boolean;
  from: { address: string | null; name: string | null } | null;
  subject: string | null;
  outerSubject?: string;
}

const FORWARDER = "pat@example.net";
const args = process.argv.slice(2);
const minAt = args.indexOf("--min");
const min = minAt >= 0 ? Number(args[minAt + 1]) : 0;
const verbose = args.includes("--verbose");
const dir =
  args.find((arg, i) => !arg.startsWith("--") && !(minAt >= 0 && i === minAt + 1)) ??
  "/work/shared/peer/email-forward-parser";

const squash = (text: unknown): string =>
  String(text ?? "")
    .replace(/\s+/g, " ")
    .trim();
const read = (rel: string): string => readFileSync(join(dir, rel), "utf8").replace(/^\uFEFF/, "");
const crlf = (text: string): string => text.replace(/\r\n|\r|\n/g, "\r\n");

function messageOf(entry: Entry, n: number): string {
  const subject = entry.subjectFile
    ? squash(read(entry.subjectFile))
    : (entry.outerSubject ?? `Fwd: ${entry.subject}`);
  let body = crlf(read(entry.body));
  if (!body.endsWith("\r\n")) body += "\r\n";
  const headers = [
    "From: Pat Forwarder <pat@example.net>",
    "To: inbox@example.org",
    `Subject: ${subject}`,
    "Date: Mon, 17 Nov 2025 09:00:00 +0700",
    `Message-ID: <${n + 1}@example.net>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
  ];
  return `${headers.join("\r\n")}\r\n\r\n${body}`;
}

function addressOf(from: Address | null | undefined): string {
  return String(from?.address ?? "")
    .trim()
    .toLowerCase();
}

function nameOf(from: Address | null | undefined): string {
  return squash(from?.name).replace(/^"(.*)"$/, "$1");
}

/** The scorer's rules: address (case-insensitive) and subject (whitespace collapsed); replies left alone. */
function judge(entry: Entry, got: ForwardedOriginal | null): string | null {
  if (!entry.forwarded) {
    const address = addressOf(got?.from);
    return got === null || address === "" || address === FORWARDER
      ? null
      : `not a forward, got from ${JSON.stringify(got.from)} subject ${JSON.stringify(got.subject)}`;
  }
  const want = String(entry.from?.address ?? "").toLowerCase();
  let fromOk = got !== null && addressOf(got.from) === want;
  if (fromOk && !want) fromOk = nameOf(got?.from).toLowerCase() === squash(entry.from?.name).toLowerCase();
  const subjectOk = got !== null && squash(got.subject) === squash(entry.subject);
  if (fromOk && subjectOk) return null;
  return (
    `want from ${JSON.stringify(entry.from)} subject ${JSON.stringify(entry.subject)}; got ` +
    (got ? `from ${JSON.stringify(got.from)} subject ${JSON.stringify(got.subject)}` : "null")
  );
}

async function main(): Promise<void> {
  const entries = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as Entry[];
  const perClient = new Map<string, { right: number; total: number }>();
  const misses: string[] = [];
  let right = 0;
  let dated = 0;
  let parsedDates = 0;
  let unwrapMs = 0;
  for (const [n, entry] of entries.entries()) {
    const email = await PostalMime.parse(messageOf(entry, n));
    const started = performance.now();
    const got = unwrapForward(email.text ?? "", email.subject ?? null);
    unwrapMs += performance.now() - started;
    const why = judge(entry, got);
    if (why === null) right++;
    else misses.push(`${basename(entry.body)} [${entry.client ?? "?"}/${entry.locale ?? "-"}]: ${why}`);
    if (entry.forwarded && got?.dateText) dated++;
    if (entry.forwarded && got?.date) parsedDates++;
    const key = entry.client ?? basename(entry.body).replace(/_body.*$/, "");
    const tally = perClient.get(key) ?? { right: 0, total: 0 };
    tally.total++;
    if (why === null) tally.right++;
    perClient.set(key, tally);
  }
  if (verbose) for (const miss of misses) console.log("miss", miss);
  const width = Math.max(...[...perClient.keys()].map((key) => key.length));
  for (const [key, tally] of perClient) console.log(`${key.padEnd(width)} ${tally.right}/${tally.total}`);
  const forwarded = entries.filter((entry) => entry.forwarded).length;
  const pct = (right / entries.length) * 100;
  console.log(`dates: text ${dated}/${forwarded}, parsed ${parsedDates}/${forwarded} (not scored)`);
  console.log(`unwrapForward: ${unwrapMs.toFixed(1)} ms for ${entries.length} bodies`);
  console.log(`forwards: ${right}/${entries.length} originals recovered (${pct.toFixed(1)}%)`);
  process.exit(pct >= min ? 0 : 1);
}

await main();
