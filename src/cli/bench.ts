/**
 * npm run bench: speed of parsing and extraction over every fixture, and of hostile input.
 * Prints medians and p99s in milliseconds and the line `extract/parse ratio: R`.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import PostalMime from "postal-mime";
import { extract, extractPasted } from "../extract";
import { READ_NOW_BYTES, READ_NOW_LINES, tooBigToRead } from "../mail/limits";
import { parseMail } from "../mail/parse";
import { acknowledgement, buildReply } from "../mail/reply";
import { verifySender } from "../mail/sender";
import { defaultCalendar } from "../plan/calendar";

const ROUNDS = 20;
const options = {
  zone: "Asia/Jakarta",
  now: Date.parse("2025-12-01T09:00:00+07:00"),
  calendar: defaultCalendar,
};

async function filesUnder(dir: string, ext: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(ext)) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function summary(name: string, samples: number[]): { median: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const p99 = quantile(sorted, 0.99);
  console.log(
    `${name.padEnd(28)} median ${median.toFixed(3)} ms  p99 ${p99.toFixed(3)} ms  (n=${samples.length})`,
  );
  return { median, p99 };
}

async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function adversarial(): Record<string, string> {
  const mb = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(mb / unit.length)).slice(0, mb);
  let nested = "Interview Kamis, 4 Desember 2025 pukul 10.00 WIB\n";
  for (let i = 0; i < 50; i++) {
    nested = `note ${i}\n\n---------- Forwarded message ---------\nFrom: A${i} <a${i}@example.com>\nDate: Mon, Dec 1, 2025 at 10:00 AM\nSubject: Fwd ${i}\nTo: <b@example.com>\n\n${nested}`;
  }
  return {
    "digit runs": fill("1234567890 12/12/2025 12.30 "),
    "date words": fill("Senin Selasa Desember pukul jam besok lusa WIB Monday December at 10:00 "),
    separators: fill("-----:::///...___===>>> "),
    "nested forwards x50": nested + fill("x"),
  };
}

const OWN = ["you@example.com"];
const PASS =
  "Authentication-Results: mx.cloudflare.net; dkim=pass header.d=example.com; spf=pass smtp.mailfrom=you@example.com; dmarc=pass\r\n";

/** Everything `email()` computes for a message: sender check, keys, parse, extract, the acknowledgement. */
async function inboundCpu(raw: Uint8Array): Promise<void> {
  const bytes = new Uint8Array([...new TextEncoder().encode(PASS), ...raw]);
  verifySender("you@example.com", OWN, bytes);
  await crypto.subtle.digest("SHA-256", bytes);
  tooBigToRead(bytes, { bytes: READ_NOW_BYTES, lines: READ_NOW_LINES });
  const mail = await parseMail(bytes);
  const facts = extract(mail, options);
  const { subject, text } = acknowledgement({ facts, review: null, followUp: null }, "id", options.zone);
  buildReply({
    from: "interviews@example.com",
    to: "you@example.com",
    subject,
    text,
    inReplyTo: mail.messageId,
    references: null,
    messageIdDomain: "example.com",
    now: options.now,
  });
}

function message(text: string): string {
  return `From: a@example.com\r\nTo: b@example.com\r\nSubject: Fwd: test\r\nDate: Mon, 1 Dec 2025 09:00:00 +0700\r\nMessage-ID: <x@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}`;
}

async function main(): Promise<void> {
  const emails = [
    ...(await filesUnder("test/fixtures/corpus", ".eml")),
    ...(await filesUnder("test/fixtures/mail", ".eml")),
  ];
  const pasted = [
    ...(await filesUnder("test/fixtures/corpus", ".txt")),
    ...(await filesUnder("test/fixtures/mail", ".txt")),
  ];
  const raws = await Promise.all(emails.map((f) => readFile(f)));
  const small = raws.filter((r) => r.length <= 100 * 1024);
  console.log(
    `${emails.length} emails (${small.length} up to 100 KB), ${pasted.length} pasted texts, ${ROUNDS} rounds`,
  );

  // Warm up the JIT and Intl caches so the first file does not pay for them.
  for (const raw of raws) extract(await parseMail(raw), options);

  const parse: number[] = [];
  const parseExtract: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const raw of small) {
      parse.push(await time(() => PostalMime.parse(raw, { forceRfc822Attachments: true })));
      parseExtract.push(await time(async () => extract(await parseMail(raw), options)));
    }
  }
  const p = summary("parse (postal-mime)", parse);
  const pe = summary("parse + extract", parseExtract);
  const texts = await Promise.all(pasted.map((f) => readFile(f, "utf8")));
  const pastedTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of texts) pastedTimes.push(await time(() => extractPasted(t, options)));
  }
  summary("extract pasted text", pastedTimes);
  console.log(`extract/parse ratio: ${(pe.median / p.median).toFixed(2)}`);

  // The inbound path without its I/O (D1, R2, the reply itself): what counts against the 10 ms of CPU.
  const inbound: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const raw of small) inbound.push(await time(() => inboundCpu(raw)));
  }
  summary("inbound path (no I/O)", inbound);

  console.log("hostile input, 1 MB each (parse + extract, one run):");
  for (const [name, text] of Object.entries(adversarial())) {
    const ms = await time(async () => extract(await parseMail(message(text)), options));
    const pastedMs = await time(() => extractPasted(text, options));
    console.log(`  ${name.padEnd(22)} email ${ms.toFixed(0)} ms, pasted ${pastedMs.toFixed(0)} ms`);
  }
}

await main();
