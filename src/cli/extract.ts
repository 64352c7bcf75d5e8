/**
 * npm run --silent extract -- [--tz ZONE] [--now ISO] FILE.eml|FILE.txt ...
 * One JSON line per file, in the order given (see README "Run the extractor on an .eml").
 */
import { readFile } from "node:fs/promises";
import { extract, extractPasted } from "../extract";
import { isZone } from "../extract/zone";
import { parseMail } from "../mail/parse";
import { defaultCalendar } from "../plan/calendar";

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run --silent extract -- [--tz ZONE] [--now ISO] FILE...\n`);
  process.exit(2);
}

function readArgs(argv: string[]): { zone: string; now: number; files: string[] } {
  let zone = "Asia/Jakarta";
  let now = Date.now();
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--tz") {
      zone = argv[++i] ?? usage("--tz needs a zone");
      if (!isZone(zone)) usage(`unknown time zone: ${zone}`);
    } else if (arg === "--now") {
      now = Date.parse(argv[++i] ?? "");
      if (Number.isNaN(now)) usage("--now needs an ISO date, e.g. 2025-12-01T09:00:00+07:00");
    } else if (arg.startsWith("--")) {
      usage(`unknown option ${arg}`);
    } else {
      files.push(arg);
    }
  }
  if (!files.length) usage("no file given");
  return { zone, now, files };
}

async function main(): Promise<void> {
  const { zone, now, files } = readArgs(process.argv.slice(2));
  const options = { zone, now, calendar: defaultCalendar };
  for (const file of files) {
    let line: object;
    try {
      const bytes = await readFile(file);
      const facts = file.toLowerCase().endsWith(".txt")
        ? extractPasted(new TextDecoder().decode(bytes), options)
        : extract(await parseMail(bytes), options);
      line = { file, ...facts };
    } catch (error) {
      line = { file, error: error instanceof Error ? error.message : String(error) };
    }
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

await main();
