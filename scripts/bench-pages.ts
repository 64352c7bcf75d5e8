/**
 * npm run bench (third part): the settings site's pages for an account with 500 applications, served by the
 * bundled Worker in Miniflare (workerd) with a local D1. Wall time per request, D1 included: an upper bound of
 * the page's own CPU.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";

const out = mkdtempSync(join(tmpdir(), "kabari-bench-"));
execFileSync(
  process.execPath,
  ["node_modules/wrangler/bin/wrangler.js", "deploy", "--dry-run", "--outdir", out],
  {
    stdio: "ignore",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  },
);
const mf = new Miniflare({
  modules: true,
  scriptPath: join(out, "index.js"),
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
const session = "bench-session-id-bench-session-id-bench-ses";
const hash = createHash("sha256").update(session).digest("hex");
await d1
  .prepare("INSERT INTO sessions (id_hash, account_id, created_at, expires_at) VALUES (?, 1, 0, ?)")
  .bind(hash, Date.now() + day)
  .run();

for (const path of ["/", "/applications/250", "/rules", "/holidays", "/data"]) {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const response = await mf.dispatchFetch(`http://127.0.0.1:8787${path}`, {
      headers: { cookie: `kabari_session=${session}` },
    });
    await response.text();
    status = response.status;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `page ${path.padEnd(18)} ${status}  median ${times[7].toFixed(1)} ms (wall, D1 included; 500 applications)`,
  );
}
await mf.dispose();
