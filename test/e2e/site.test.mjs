// npm run test:e2e: the settings site in a real headless Chromium (Debian's, no browser download) against
// `npm run dev` on a fresh local state. Screenshots of each page, at phone and desktop widths, go to
// test-artifacts/ for a person to look at.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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
/** One signed-in browser for the tests: sign-in is rate-limited to five links per address in 15 minutes. */
let signedIn;

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
  await signedIn?.close();
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
  signedIn = await browser.newContext();
  const page = await signedIn.newPage();
  await signIn(page);
  const body = await page.textContent("body");
  assert.match(body, /you@example\.com/);
  await shoot(page, "today");
  await page.close();
});

test("change a rule and see it kept", async () => {
  const page = await signedIn.newPage();
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
  const page = await signedIn.newPage();
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

test("paste a WhatsApp invitation and find its application", async () => {
  const page = await signedIn.newPage();
  await page.goto(`${BASE}/`);
  await page.click('a[href="/add"]');
  await shoot(page, "add");
  await page.fill(
    'textarea[name="text"]',
    readFileSync("test/fixtures/corpus/wa/wa02-web-copy-meet-ralat-jam.txt", "utf8"),
  );
  await page.click('form[action="/add/preview"]:not([enctype]) button[type="submit"]');
  assert.match(await page.textContent("body"), /Arunika Digital Kreatif/);
  await shoot(page, "add-preview");
  await page.click('form[action="/add/save"] button[type="submit"]');
  await page.waitForURL(/\/applications\/\d+$/);
  assert.equal(await page.inputValue('input[name="company"]'), "PT Arunika Digital Kreatif");
  await page.close();
});

test("upload an .eml and find its application", async () => {
  const page = await signedIn.newPage();
  await page.goto(`${BASE}/add`);
  await page.setInputFiles(
    'input[name="files"]',
    "test/fixtures/corpus/id/id09-outlook-id-fwd-latin1-qp-holiday.eml",
  );
  await page.click('form[enctype="multipart/form-data"][action="/add/preview"] button[type="submit"]');
  assert.match(await page.textContent("body"), /Kopi Senja Nusantara/);
  await page.click('form[action="/add/save"] button[type="submit"]');
  await page.waitForURL(/\/applications\/\d+$/);
  assert.match(await page.inputValue('input[name="company"]'), /Kopi Senja Nusantara/);
  await page.close();
});

test("a mail the parser doubted: found on Today, read on its page, settled", async () => {
  // An invitation from a free-mail address naming no company: kept, and marked for review.
  await deliver("test/fixtures/e2e/no-company.eml");
  const page = await signedIn.newPage();
  await page.goto(`${BASE}/`);
  const link = page.locator('section.review a[href^="/messages/"]');
  assert.equal(await link.count(), 1);
  await link.click();
  await page.waitForURL(/\/messages\/\d+$/);
  assert.match(await page.textContent(".reason"), /nama perusahaan tidak ditemukan/);
  assert.match(await page.textContent("pre.text"), /Kami mengundang Anda untuk interview/);
  await shoot(page, "message");
  await page.click('form[action$="/done"] button[type="submit"]');
  await page.waitForURL(/\/messages\/\d+$/);
  assert.equal(await page.textContent(".status"), "beres");
  await page.goto(`${BASE}/`);
  assert.equal(await page.locator("section.review").count(), 0);
  await page.close();
});

test("the calendar feed URL returns a valid calendar", async () => {
  const page = await signedIn.newPage();
  await page.goto(`${BASE}/data`);
  await shoot(page, "data");
  await page.click('form[action="/data/feed"] button[type="submit"]');
  const url = await page.inputValue("#feed-url");
  const response = await fetch(url.replace(/^https?:\/\/[^/]+/, BASE));
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/calendar/);
  const ics = await response.text();
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z[\s\S]*END:VEVENT/);
  assert.match(ics, /END:VCALENDAR\r\n$/);
  await page.goto(`${BASE}/addresses`);
  await shoot(page, "addresses");
  await page.close();
});

test("a stranger's page is not found, and signed out pages send to the sign-in", async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${BASE}/rules`);
  assert.equal(new URL(page.url()).pathname, "/login");
  assert.equal(response.status(), 200);
  await page.close();
  const mine = await signedIn.newPage();
  assert.equal((await mine.goto(`${BASE}/applications/9999`)).status(), 404);
  await mine.close();
});
