// Every labelled fixture, through the same parse + extract the Worker runs, inside workerd.
import { describe, expect, it } from "vitest";
import { extract, extractPasted } from "../../src/extract";
import { parseMail } from "../../src/mail/parse";
import { defaultCalendar } from "../../src/plan/calendar";
import { fromBase64 } from "../helpers/fixtures";
import { differences, type Label } from "./expect-facts";

const raw = import.meta.glob<string>("../fixtures/{corpus,mail}/*/*.{eml,txt}", {
  query: "?bytes",
  import: "default",
  eager: true,
});
const labelFiles = import.meta.glob<Label[]>("../fixtures/{corpus,mail}/*/labels.json", {
  import: "default",
  eager: true,
});

const cases = Object.entries(labelFiles).flatMap(([path, labels]) => {
  const dir = path.slice(0, path.lastIndexOf("/"));
  return labels.map((label) => ({
    name: `${dir.replace("../fixtures/", "")}/${label.file}`,
    label,
    base64: raw[`${dir}/${label.file}`],
  }));
});

describe("extraction over the labelled fixtures", () => {
  it("finds the fixtures", () => {
    expect(cases.length).toBeGreaterThanOrEqual(24);
    for (const c of cases) expect(c.base64, c.name).toBeTypeOf("string");
  });

  it.each(cases)("$name", async ({ label, base64 }) => {
    const bytes = fromBase64(base64);
    const options = {
      zone: "Asia/Jakarta",
      now: label.now ? Date.parse(label.now) : Date.parse("2025-12-01T09:00:00+07:00"),
      calendar: defaultCalendar,
    };
    const facts = label.file.endsWith(".txt")
      ? extractPasted(new TextDecoder().decode(bytes), options)
      : extract(await parseMail(bytes), options);
    expect(differences(label, facts)).toEqual([]);
  });
});
