/**
 * npm run bench (third part): the settings site's pages for an account with 500 applications, served by the
 * bundled Worker in Miniflare (workerd) with a local D1. Two upper bounds of a page's own CPU: the wall time per
 * request, and the CPU time the workerd process spent per request (read from /proc on Linux), which still
 * includes the local D1's SQLite work and Miniflare's plumbing (see the /health line for that floor).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";

const out = mkdtempSync(join(tmpdir(), "kabari-bench-"));
execFileSync(
  process.execPath,
  [
    "node_modules/wrangler/bin/wrangler.js",
    "deploy",
    "--dry-run",
    "--outdir",
    out,
    "scripts/bench-worker.ts",
  ],
  {
    stdio: "ignore",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  },
);
const mf = new Miniflare({
  modules: true,
  scriptPath: join(out, "bench-worker.js"),
  modulesRoot: out,
  compatibilityDate: "2026-04-20",
  d1Databases: { DB: "bench" },
  r2Buckets: ["RAW"],
  queueProducers: { DIGEST_QUEUE: "kabari-digest", INBOUND_QUEUE: "kabari-inbound" },
  email: { send_email: [{ name: "MAIL" }] },
  bindings: {
    OWNER_EMAIL: "you@example.com",
    INBOUND_ADDRESS: "interviews@example.com",
    MAIL_FROM: "kabari@example.com",
    DEFAULT_ZONE: "Asia/Jakarta",
    DEFAULT_LANGUAGE: "id",
    PUBLIC_URL: "http://127.0.0.1:8787",
  },
});
const d1 = await mf.getD1Database("DB");
for (const file of readdirSync("migrations")
  .filter((f) => f.endsWith(".sql"))
  .sort()) {
  for (const statement of readFileSync(`migrations/${file}`, "utf8").split("--> statement-breakpoint")) {
    if (statement.trim()) await d1.prepare(statement).run();
  }
}
await d1
  .prepare(
    "INSERT INTO accounts (inbound_address, digest_address, zone, language, created_at) VALUES ('interviews@example.com', 'you@example.com', 'Asia/Jakarta', 'id', 0)",
  )
  .run();
const day = 86_400_000;
const start = Date.parse("2025-12-01T03:00:00Z");
for (let i = 0; i < 500; i += 50) {
  const apps = Array.from(
    { length: 50 },
    (_, k) => `(1, 'PT Perusahaan ${i + k}', 'Posisi ${i + k}', 'active', 'waiting', 0, 0)`,
  );
  await d1
    .prepare(
      `INSERT INTO applications (account_id, company, position, status, phase, created_at, updated_at) VALUES ${apps.join(",")}`,
    )
    .run();
}
for (let id = 1; id <= 500; id += 50) {
  const ivs = Array.from(
    { length: 50 },
    (_, k) => `(${id + k}, ${start + (id + k) * day}, 'scheduled', 0, 0)`,
  );
  await d1
    .prepare(
      `INSERT INTO interviews (application_id, start_at, status, created_at, updated_at) VALUES ${ivs.join(",")}`,
    )
    .run();
  const rs = Array.from(
    { length: 50 },
    (_, k) =>
      `(${id + k}, 'thank_you', ${start + (id + k) * day + day}, 'pending', 0, 0), (${id + k}, 'follow_up_1', ${start + (id + k) * day + 9 * day}, 'pending', 0, 0)`,
  );
  await d1
    .prepare(
      `INSERT INTO reminders (application_id, kind, due_at, status, created_at, updated_at) VALUES ${rs.join(",")}`,
    )
    .run();
}
// Two mails per application (the invitation and a reminder of it); the last 20 wait for review.
for (let id = 1; id <= 500; id += 50) {
  const rows = Array.from({ length: 50 }, (_, k) => {
    const app = id + k;
    const at = start + app * day - 5 * day;
    const status = app > 490 ? "review" : "done";
    return [1, 2].map(
      (n) =>
        `(1, 'd-${app}-${n}', 'raw/1/${app}-${n}.eml', 2048, 'you@example.com', 'inbound', 'linked', '${status}', ${status === "review" ? "'company not found'" : "null"}, 'Undangan interview ${app} (${n})', 'hr@perusahaan${app}.co.id', 'invitation', ${app}, ${at + n * 3_600_000}, ${at})`,
    );
  });
  await d1
    .prepare(
      `INSERT INTO messages (account_id, delivery_key, raw_key, raw_size, envelope_from, direction, step, status, review_reason, subject, from_address, kind, application_id, received_at, updated_at) VALUES ${rows.flat().join(",")}`,
    )
    .run();
}
const r2 = await mf.getR2Bucket("RAW");
await r2.put(
  "raw/1/500-2.eml",
  [
    "From: HR <hr@perusahaan500.co.id>",
    "To: you@example.com",
    "Subject: Undangan interview 500 (2)",
    "Date: Mon, 1 Dec 2025 09:00:00 +0700",
    "Content-Type: text/plain; charset=utf-8",
    "",
    ...Array.from(
      { length: 40 },
      (_, i) =>
        `Baris ${i}: kami mengundang Anda untuk interview pada Senin, 8 Desember 2025 pukul 10.00 WIB.`,
    ),
  ].join("\r\n"),
);
// The calendar feed's secret (the same shape as a session id).
const feedSecret = "bench-feed-secret-bench-feed-secret-bench-f";
await d1
  .prepare("UPDATE accounts SET feed_secret_hash = ? WHERE id = 1")
  .bind(createHash("sha256").update(feedSecret).digest("hex"))
  .run();
const session = "bench-session-id-bench-session-id-bench-ses";
const hash = createHash("sha256").update(session).digest("hex");
await d1
  .prepare("INSERT INTO sessions (id_hash, account_id, created_at, expires_at) VALUES (?, 1, 0, ?)")
  .bind(hash, Date.now() + day)
  .run();

/** CPU seconds used so far by Miniflare's workerd processes (children of this one), or null off Linux. */
function workerdCpu(): number | null {
  if (!existsSync("/proc/self/stat")) return null;
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // fields[1] is the parent pid; [11] and [12] are user and system time in clock ticks (100 a second).
      if (Number(fields[1]) === process.pid && stat.includes("(workerd)"))
        ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks / 100;
}

const SITE = "http://127.0.0.1:8787";
// A CSRF cookie of the browser's own (double submit): the rules form echoes it.
const cookie = `kabari_session=${session}; kabari_csrf=bench-csrf-token-bench-csrf-token-bench-csr`;

async function get(path: string): Promise<number> {
  const response = await mf.dispatchFetch(`${SITE}${path}`, { headers: { cookie } });
  await response.text();
  return response.status;
}

/** The fields of the page's form posting to `action`, as a browser would send them. */
async function formOf(path: string, action: string): Promise<URLSearchParams> {
  const html = await (await mf.dispatchFetch(`${SITE}${path}`, { headers: { cookie } })).text();
  const form = new RegExp(`<form[^>]*action="${action}"[^>]*>([\\s\\S]*?)</form>`).exec(html)?.[1] ?? "";
  const fields = new URLSearchParams();
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  for (const [tag] of form.matchAll(/<input[^>]*>/g)) {
    const name = attr(tag, "name");
    if (!name || (attr(tag, "type") === "checkbox" && !/\schecked/.test(tag))) continue;
    fields.append(name, (attr(tag, "value") ?? "on").replaceAll("&amp;", "&"));
  }
  for (const [, tag, options] of form.matchAll(/<select([^>]*)>([\s\S]*?)<\/select>/g)) {
    const chosen =
      /<option[^>]*value="([^"]*)"[^>]*selected/.exec(options) ?? /<option[^>]*value="([^"]*)"/.exec(options);
    const name = attr(tag, "name");
    if (name && chosen) fields.append(name, chosen[1]);
  }
  return fields;
}

/** Saves the rules with the working day starting at `start`: every application is planned again. */
async function saveRules(fields: URLSearchParams, start: string): Promise<number> {
  fields.set("workStart", start);
  const response = await mf.dispatchFetch(`${SITE}/rules`, {
    method: "POST",
    headers: { cookie, origin: SITE, "content-type": "application/x-www-form-urlencoded" },
    body: fields.toString(),
    redirect: "manual",
  });
  await response.text();
  return response.status;
}

const RUNS = 60;

/** workerd CPU per call of `run`, in ms. */
async function cpuPer(run: () => Promise<unknown>): Promise<number> {
  await run();
  const before = workerdCpu() ?? 0;
  for (let i = 0; i < RUNS; i++) await run();
  return (((workerdCpu() ?? 0) - before) / RUNS) * 1000;
}

const linux = workerdCpu() !== null;
{
  // Saving the rules plans the account again: the newest 50 applications at once, the rest queued (not
  // consumed here). Each save moves every step (08:00 ↔ 09:00), so each one writes.
  const fields = await formOf("/rules", "/rules");
  let status = 0;
  let flip = false;
  const t0 = performance.now();
  const cpu = await cpuPer(async () => {
    flip = !flip;
    status = await saveRules(fields, flip ? "08:00" : "09:00");
  });
  const wall = (performance.now() - t0) / (RUNS + 1);
  const recorded = await (await mf.dispatchFetch(`${SITE}/__recorded`)).text();
  const d1 = await cpuPer(() =>
    mf.dispatchFetch(`${SITE}/__replay`, { method: "POST", body: recorded }).then((r) => r.text()),
  );
  console.log(
    `POST /rules          ${status}  ${wall.toFixed(1)} ms wall; workerd CPU ${cpu.toFixed(1)} ms, of which local D1 ${d1.toFixed(1)} ms (${(JSON.parse(recorded) as unknown[]).length} D1 requests): the Worker's own ≈ ${(cpu - d1).toFixed(1)} ms (the newest 50 of 500 applications planned again, the rest queued)`,
  );
}
for (const path of [
  "/health",
  "/login",
  "/",
  "/?page=5",
  "/applications/250",
  "/messages/1000",
  `/calendar/${feedSecret}.ics`,
  "/data/export.json",
  "/addresses",
  "/add",
  "/rules",
  "/holidays",
  "/data",
]) {
  const times: number[] = [];
  let status = 0;
  const page = await cpuPer(async () => {
    const t0 = performance.now();
    status = await get(path);
    times.push(performance.now() - t0);
  });
  times.sort((a, b) => a - b);
  const wall = `median ${times[times.length >> 1].toFixed(1)} ms wall`;
  if (!linux) {
    console.log(`page ${path.padEnd(18)} ${status}  ${wall} (500 applications, D1 included)`);
    continue;
  }
  const recorded = await (await mf.dispatchFetch("http://127.0.0.1:8787/__recorded")).text();
  const statements = (JSON.parse(recorded) as { statements: unknown[] }[]).reduce(
    (n, r) => n + r.statements.length,
    0,
  );
  const d1 = await cpuPer(() =>
    mf
      .dispatchFetch("http://127.0.0.1:8787/__replay", { method: "POST", body: recorded })
      .then((r) => r.text()),
  );
  console.log(
    `page ${path.padEnd(18)} ${status}  ${wall}; workerd CPU ${page.toFixed(1)} ms, of which local D1 ${d1.toFixed(1)} ms (${statements} statements): the Worker's own ≈ ${(page - d1).toFixed(1)} ms`,
  );
}
await mf.dispose();
