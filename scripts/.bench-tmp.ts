import { parseHeaderDate, stripSubjectPrefixes, unwrapForward } from "../src/extract/forward";
const MB = 1 << 20;
const rep = (s: string, n: number) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
const nest = (depth: number) => {
  let out = "top note\n";
  for (let d = 0; d < depth; d++) out += `\n---------- Forwarded message ---------\nFrom: P${d} <p${d}@x.com>\nDate: Wed, Oct 27, 2021 at 9:31 AM\nSubject: level ${d}\nTo: <a@b.c>\n\nbody ${d}\n`;
  return out;
};
const nestOutlook = (depth: number) => {
  let out = "";
  for (let d = 0; d < depth; d++) out += `${">".repeat(d)} From: P${d} <p${d}@x.com>\n${">".repeat(d)} Sent: Monday, 1 August 2022 11:11 pm\n${">".repeat(d)} To: a@b.c\n${">".repeat(d)} Subject: RE: x\n\n${"> ".repeat(d)}text\n`;
  return out + rep("lorem ipsum dolor\n", MB);
};
const cases: [string, string, string | null][] = [
  ["From lines", rep("From: a\n", MB), "Fwd: x"],
  ["From+To no @", rep("From: a\nTo: b\n", MB), null],
  ["one dash line", rep("-", MB), "Fwd: x"],
  ["quote line", rep(">", MB), "Fwd: x"],
  ["quote lines", rep("> > > > a\n", MB), "Fwd: x"],
  ["separators", rep("---------- Forwarded message ---------\n", MB), "Fwd: x"],
  ["yahoo long", "----- Forwarded Message ----- From: " + rep("Ab: x", MB), "Fwd: x"],
  ["yahoo lines", rep("----- Forwarded Message ----- From: " + rep("To: x ", 3900) + "\n", MB), "Fwd: x"],
  ["wrote lines", rep("On 28/10/2021 12:46 " + rep("x ", 370) + "wrote:\n", MB), "Fwd: x"],
  ["wrote+email", rep("On 28/10/2021 12:46 \"J\" <" + rep("a", 300) + "@b.c> wrote:\n", MB), "Fwd: x"],
  ["brackets", "---------- Forwarded message ---------\nFrom: " + rep("<", 3990) + ">\nTo: " + rep("(", 3990) + "x\nSubject: s\n" + rep("a\n", MB), "Fwd: x"],
  ["addr list", "---------- Forwarded message ---------\nFrom: a <a@b.c>\nTo: " + rep("a,", 3990) + "<a@b.c>\n" + rep("    b@c.d,\n", 200) + "Subject: s\n" + rep("a\n", MB), "Fwd: x"],
  ["at signs", rep("@", MB), "Fwd: x"],
  ["colons", rep(":", MB), "Fwd: x"],
  ["digits colon", rep("1:2 ", MB) + ":", "Fwd: x"],
  ["blank lines", rep("\n", MB), "Fwd: x"],
  ["crlf", rep("\r\n", MB), "Fwd: x"],
  ["bom", rep("\uFEFF", MB), "Fwd: x"],
  ["nest 50", nest(50), "Fwd: x"],
  ["nest 50 + 1MB", nest(50) + rep("x\n", MB), "Fwd: x"],
  ["quoted outlook nest 50 + 1MB", nestOutlook(50), "FW: x"],
  ["apple quoted 1MB", "> Begin forwarded message:\n>\n> From: J <j@x.com>\n> Subject: s\n> Date: 25 October 2021 at 11:17:21 EEST\n> To: a@b.c\n>\n" + rep("> body line here\n", MB), "Fwd: x"],
  ["outlook2019 1MB", "On 28/10/2021 12:46, \"John\" <j@x.com> wrote:\n\n" + rep("    body line here\n", MB), "FW: x"],
];
for (const [name, text, subject] of cases) {
  const times: number[] = [];
  let r = null;
  for (let k = 0; k < 7; k++) { const t0 = performance.now(); r = unwrapForward(text, subject); times.push(performance.now() - t0); }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(30)} min ${times[0]!.toFixed(1).padStart(6)} med ${times[3]!.toFixed(1).padStart(6)} ms  ${r ? `from=${JSON.stringify(r.from)?.slice(0, 50)} body=${r.body.length}` : "null"}`);
}
for (const s of [rep("Fwd: ", MB), rep("a", MB), rep("[x] ", MB)]) { const t0 = performance.now(); stripSubjectPrefixes(s); console.log("strip", (performance.now() - t0).toFixed(1)); }
for (const s of [rep("1.1.", MB), rep("12:00 ", MB), rep("de ", MB)]) { const t0 = performance.now(); parseHeaderDate(s); console.log("date", (performance.now() - t0).toFixed(1)); }
