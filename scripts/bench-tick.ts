/**
 * npm run bench (second part): one cron tick over 10,000 accounts in a local D1 (Miniflare), and the CPU of one
 * digest build. Node, outside workerd: the figures are for comparing changes, not the Worker's exact CPU.
 */
import { readdirSync, readFileSync } from "node:fs";
import { Miniflare } from "miniflare";
import { database } from "../src/db/queries";
import { composeDigest, type DigestInput } from "../src/digest/compose";
import { draft } from "../src/digest/drafts";
import { dueDigests } from "../src/digest/due";

const mf = new Miniflare({ modules: true, script: "export default {}", d1Databases: { DB: "bench" } });
const d1 = (await mf.getD1Database("DB")) as unknown as D1Database;
for (const file of readdirSync("migrations")
  .filter((f) => f.endsWith(".sql"))
  .sort()) {
  for (const statement of readFileSync(`migrations/${file}`, "utf8").split("--> statement-breakpoint")) {
    if (statement.trim()) await d1.prepare(statement).run();
  }
}
const zones = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "Asia/Kolkata", "America/New_York"];
for (let i = 0; i < 10_000; i += 500) {
  const values = Array.from(
    { length: 500 },
    (_, k) => `('a${i + k}@example.com', 'd${i + k}@example.net', '${zones[(i + k) % 5]}', 'id', 0)`,
  );
  await d1
    .prepare(
      `INSERT INTO accounts (inbound_address, digest_address, zone, language, created_at) VALUES ${values.join(",")}`,
    )
    .run();
}
const db = database(d1);
const ticks: number[] = [];
let due = 0;
for (let round = 0; round < 5; round++) {
  const t0 = performance.now();
  due = (await dueDigests(db, Date.parse("2025-12-05T01:00:00Z"))).length;
  ticks.push(performance.now() - t0);
}
ticks.sort((a, b) => a - b);
console.log(`cron tick over 10,000 accounts: median ${ticks[2].toFixed(0)} ms (${due} due)`);

const now = Date.parse("2025-12-05T07:00:00+07:00");
const interview = Date.parse("2025-12-04T10:00:00+07:00");
const item = (reminderId: number, kind: "thank_you" | "follow_up_1" | "cancel_by") => ({
  reminderId,
  kind,
  dueAt: now + reminderId * 3600_000,
  required: true,
  applicationId: reminderId,
  company: "PT Sinar Jaya Digital",
  position: "Product Analyst",
  interview: {
    startAt: interview,
    endAt: null,
    zone: null,
    meetingUrl: "https://meet.google.com/abc-defg-hij",
    place: null,
    interviewer: "Arif Wibowo",
  },
  draft: draft(kind === "cancel_by" ? "cancel" : kind, {
    language: "id",
    personName: "Dewi Lestari",
    recipientName: "Bapak Arif Wibowo",
    recipientAddress: "rekrutmen@sinarjayadigital.co.id",
    company: "PT Sinar Jaya Digital",
    position: "Product Analyst",
    interviewAt: interview,
    zone: "Asia/Jakarta",
    originalSubject: "Undangan Interview - Product Analyst",
  }),
  actions: {
    sent: "https://kabari.example/a/x",
    snooze: "https://kabari.example/a/y",
    stop: "https://kabari.example/a/z",
  },
});
const input: DigestInput = {
  language: "id",
  zone: "Asia/Jakarta",
  now,
  settingsUrl: "https://kabari.example",
  today: [item(1, "thank_you"), item(2, "follow_up_1"), item(3, "cancel_by")],
  coming: [],
  waiting: [{ company: "PT Maju", position: "Analyst", promisedBy: "2025-12-12" }],
  stopped: [],
  review: [],
  flags: [],
};
const builds: number[] = [];
for (let i = 0; i < 200; i++) {
  const t0 = performance.now();
  composeDigest(input);
  builds.push(performance.now() - t0);
}
builds.sort((a, b) => a - b);
console.log(
  `digest build (3 items with drafts): median ${builds[100].toFixed(3)} ms, p99 ${builds[198].toFixed(3)} ms`,
);
await mf.dispose();
