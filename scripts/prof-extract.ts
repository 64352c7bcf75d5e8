import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { extract } from "../src/extract";
import { parseMail } from "../src/mail/parse";
import { defaultCalendar } from "../src/plan/calendar";
const options = { zone: "Asia/Jakarta", now: Date.parse("2025-12-01T00:00:00Z"), calendar: defaultCalendar };
const files: string[] = [];
for (const dir of ["test/fixtures/corpus", "test/fixtures/mail"]) {
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith(".eml")) files.push(join(e.parentPath, e.name));
  }
}
const mails = await Promise.all(files.map(async (f) => parseMail(new Uint8Array(await readFile(f)))));
for (let r = 0; r < 3; r++) for (const m of mails) extract(m, options);
const t0 = performance.now();
for (let r = 0; r < 200; r++) for (const m of mails) extract(m, options);
console.log("extract per mail", ((performance.now() - t0) / (200 * mails.length)).toFixed(3), "ms");
