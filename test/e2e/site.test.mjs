// npm run test:e2e: the settings site in a real headless Chromium (Debian's, no browser download) against
// `npm run dev` on a fresh local state. Screenshots of each page, at phone and desktop widths, go to
// test-artifacts/ for a person to look at.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import PostalMime from "postal-mime";

const PORT = 8799;
const BASE = `http://127.0.0.1:${PORT}`;
const ARTIFACTS = "test-artifacts";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const state = mkdtempSync(join(tmpdir(), "kabari-e2e-"));
let dev;
let log = "";
let browser;

async function waitFor(check, what, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}\n${log.slice(-3000)}`);
}

/** The files the local send_email binding wrote, in order (wrangler logs each path). */
function sentMails() {
  return [...log.matchAll(/(\/\S+\/files\/email\/\S+\.eml)/g)].map((m) => m[1]);
}

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dev = spawn(
    process.execPath,
    ["scripts/dev.mjs", "--port", String(PORT), "--persist-to", state, "--ip", "127.0.0.1"],
    {
      env: { ...process.env, KABARI_PUBLIC_URL: BASE },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  dev.stdout.on("data", (d) => (log += d));
  dev.stderr.on("data", (d) => (log += d));
  await waitFor(async () => (await fetch(`${BASE}/health`).catch(() => null))?.ok, "npm run dev");
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
});

after(async () => {
  await browser?.close();
  if (dev?.pid) process.kill(-dev.pid, "SIGTERM");
  rmSync(state, { recursive: true, force: true });
});

async function shoot(page, name) {
  for (const [label, width] of [
    ["phone", 390],
    ["desktop", 1200],
  ]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${label}.png`), fullPage: true });
  }
}

async function deliver(file) {
  const response = await fetch(
    `${BASE}/cdn-cgi/handler/email?from=you@example.com&to=interviews@example.com`,
    {
      method: "POST",
      body: readFileSync(file),
    },
  );
  assert.equal(response.status, 200);
}

async function signIn(page) {
  const before = sentMails().length;
  await page.goto(`${BASE}/login`);
  await shoot(page, "login");
  await page.fill('input[name="email"]', "you@example.com");
  await page.click('button[type="submit"]');
  await waitFor(() => sentMails().length > before, "the sign-in mail");
  const mail = await PostalMime.parse(readFileSync(sentMails().at(-1)));
  const link = /https?:\/\/\S+\/login\/[\w-]+/.exec(mail.text ?? "")?.[0];
  assert.ok(link, "the sign-in mail carries a link");
  await page.goto(link.replace(/^https?:\/\/[^/]+/, BASE));
  await page.click('button[type="submit"]');
  await page.waitForURL(`${BASE}/`);
}

test("sign in with the link from the mail, see the application", async () => {
  await deliver("test/fixtures/thread/01-invitation.eml");
  const page = await browser.newPage();
  await signIn(page);
  const body = await page.textContent("body");
  assert.match(body, /you@example\.com/);
  await shoot(page, "today");
  await page.close();
});

test("change a rule and see it kept", async () => {
  const page = await browser.newPage();
  await signIn(page);
  await page.goto(`${BASE}/rules`);
  await shoot(page, "rules");
  await page.fill('input[name="workStart"]', "10:00");
  await page.click('form[method="post"]:not([action^="/logout"]) button[type="submit"]');
  await page.waitForURL(`${BASE}/rules?saved=1`);
  assert.equal(await page.inputValue('input[name="workStart"]'), "10:00");
  assert.ok(await page.isVisible('[role="status"]'));
  await page.close();
});

test("fix an interview time on the application page", async () => {
  const page = await browser.newPage();
  await signIn(page);
  await page.goto(`${BASE}/`);
  await page.click('a[href^="/applications/"]');
  const url = page.url();
  assert.match(url, /\/applications\/\d+$/);
  await page.fill('input[name="start"]', "2025-12-09T14:00");
  await page.fill('input[name="company"]', "PT Sinar Jaya Digital Indonesia");
  await page.click(`form[action="${new URL(url).pathname}"] button[type="submit"]`);
  await page.waitForURL(url);
  assert.equal(await page.inputValue('input[name="start"]'), "2025-12-09T14:00");
  assert.equal(await page.inputValue('input[name="company"]'), "PT Sinar Jaya Digital Indonesia");
  await shoot(page, "application");
  await page.goto(`${BASE}/holidays`);
  await shoot(page, "holidays");
  await page.close();
});

test("a stranger's page is not found, and signed out pages send to the sign-in", async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${BASE}/rules`);
  assert.equal(new URL(page.url()).pathname, "/login");
  assert.equal(response.status(), 200);
  await signIn(page);
  assert.equal((await page.goto(`${BASE}/applications/9999`)).status(), 404);
  await page.close();
});
