/**
 * Compares extracted facts with a label the way the shared scorer does: names loosely (case, punctuation, legal
 * forms, honorifics, bracketed asides), instants as the same moment, links by host, path and query.
 */
import type { Facts } from "../../src/extract";

export interface Label {
  file: string;
  now?: string;
  kind: string;
  company: string | null;
  position: string | null;
  interviewer: string | null;
  interview: { start: string; end: string | null; meetingUrl: string | null } | null;
  respondBy: string | null;
}

const LEGAL = /\b(pt|tbk|cv|persero|inc|ltd|llc|co|corp|corporation|company|pte|gmbh|bv|plc|limited)\b/g;
const HONOR = /\b(bapak|ibu|bpk|pak|bu|sdr|sdri|saudara|saudari|kak|mas|mbak|mr|mrs|ms|miss|dr|prof|ir)\b/g;

function norm(s: string, drop: RegExp | null, keepAside: boolean): string {
  let t = s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
  t = keepAside ? t.replace(/[()]/g, " ") : t.replace(/\([^)]*\)/g, " ");
  t = t.replace(/[^a-z0-9 ]+/g, " ");
  if (drop) t = t.replace(drop, " ");
  return t.replace(/\s+/g, " ").trim();
}

function close(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const ws = short.split(" ").length;
  return ` ${long} `.includes(` ${short} `) && ws * 2 >= long.split(" ").length && ws >= 2;
}

export function sameName(want: string | null, got: string | null, drop: RegExp | null = null): boolean {
  if (want === null) return !got;
  if (!got) return false;
  return [false, true].some((kw) =>
    [false, true].some((kg) => close(norm(want, drop, kw), norm(got, drop, kg))),
  );
}

function sameInstant(want: string | null | undefined, got: string | null | undefined): boolean {
  if (!want) return !got;
  return !!got && /(Z|[+-]\d\d:\d\d)$/.test(got) && Date.parse(want) === Date.parse(got);
}

function linkKey(u: string): string {
  try {
    const x = new URL(u.trim());
    for (const k of ["hs", "authuser", "usp"]) x.searchParams.delete(k);
    const q = [...x.searchParams]
      .sort()
      .map(([k, v]) => `${k}=${v}`)
      .join("&");
    return `${x.host.toLowerCase()}${decodeURIComponent(x.pathname).replace(/\/$/, "")}?${q}`;
  } catch {
    return u;
  }
}

/** The fields that differ, as "field: want X got Y" lines; empty when the facts match the label. */
export function differences(label: Label, facts: Facts): string[] {
  const out: string[] = [];
  const check = (field: string, ok: boolean, want: unknown, got: unknown) => {
    if (!ok) out.push(`${field}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
  };
  const iv = facts.interview;
  const deadline = label.kind === "assignment" ? facts.dueBy : facts.respondBy;
  check("kind", facts.kind === label.kind, label.kind, facts.kind);
  check("company", sameName(label.company, facts.company, LEGAL), label.company, facts.company);
  check("position", sameName(label.position, facts.position), label.position, facts.position);
  check(
    "interviewer",
    sameName(label.interviewer, facts.interviewer, HONOR),
    label.interviewer,
    facts.interviewer,
  );
  check(
    "start",
    sameInstant(label.interview?.start, iv?.start),
    label.interview?.start ?? null,
    iv?.start ?? null,
  );
  check("end", sameInstant(label.interview?.end, iv?.end), label.interview?.end ?? null, iv?.end ?? null);
  const wantUrl = label.interview?.meetingUrl ?? null;
  const gotUrl = iv?.meetingUrl ?? null;
  check(
    "meetingUrl",
    wantUrl === null ? !gotUrl : !!gotUrl && linkKey(wantUrl) === linkKey(gotUrl),
    wantUrl,
    gotUrl,
  );
  check("deadline", (label.respondBy ?? null) === (deadline ?? null), label.respondBy, deadline);
  return out;
}
