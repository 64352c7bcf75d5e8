// `npm run dev`: local D1 up to date, the demo account seeded, then `wrangler dev` on :8787.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const wrangler = fileURLToPath(new URL("../node_modules/wrangler/bin/wrangler.js", import.meta.url));
// Works offline and never phones home: no metrics, and no fetch of a real `request.cf` (nothing reads it).
// The caller's environment still wins.
const devEnv = { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", ...process.env };
// CI=true keeps `d1 migrations apply` from asking for confirmation.
const env = { ...devEnv, CI: "true" };

/** @param {string[]} args */
function run(args) {
  const result = spawnSync(process.execPath, [wrangler, ...args], { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`wrangler ${args.join(" ")} failed`);
    process.exit(result.status ?? 1);
  }
}

// Local secrets: an admin token for `npm run reread`, made once.
if (!existsSync(new URL("../.dev.vars", import.meta.url))) {
  writeFileSync(
    new URL("../.dev.vars", import.meta.url),
    `ADMIN_TOKEN="${randomBytes(18).toString("hex")}"\n`,
  );
}

// `--persist-to DIR` (the browser tests use a fresh one) applies to the database set-up too.
const at = process.argv.indexOf("--persist-to");
const persist = at >= 0 ? ["--persist-to", process.argv[at + 1]] : [];
run(["d1", "migrations", "apply", "DB", "--local", ...persist]);
run(["d1", "execute", "DB", "--local", "--file", "scripts/seed.sql", ...persist]);

// wrangler dev gets the terminal as it is (no CI=true), so its key shortcuts work when there is one.
// LOCAL_DEV: wrangler's local email endpoint adds no Authentication-Results, so the envelope has to do.
// PUBLIC_URL: the base of links in mail (sign-in, digest actions), here the local server.
const dev = spawn(
  process.execPath,
  [
    wrangler,
    "dev",
    "--var",
    "LOCAL_DEV:true",
    "--var",
    `PUBLIC_URL:${process.env.KABARI_PUBLIC_URL ?? "http://127.0.0.1:8787"}`,
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    env: devEnv,
    stdio: "inherit",
  },
);
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) {
  process.on(signal, () => dev.kill(signal));
}
dev.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
