/** Who is hiring, for which role, and who runs the interview: candidates from several places, scored. */
import type { Address, Invite } from "./types";

// Capitalised words, with the connectors company and role names use. Bounded repetition keeps every match linear.
const CAP = "[A-Z0-9][\\p{L}\\p{N}&'’.+/-]*";
const CONNECT = "(?:&|and|dan|of|for|&amp;|-|–)";
const NAME_RUN = `${CAP}(?:[ \\t]+(?:${CONNECT}[ \\t]+)?${CAP}){0,5}`;

const PLATFORMS =
  /^(glints|jobstreet|jobstreet by seek|seek|kalibrr|linkedin|dealls|kitalulus|karirhub|indeed|workday|greenhouse|lever|ashby|smartrecruiters|goodtime|calendly|zoom|google|google meet|microsoft|microsoft teams|teams|gmail|outlook|yahoo|whatsapp|jobsdb|kariermuda|topkarir|loker|talent acquisition|human resources|hrd|hr|recruitment|rekrutmen|recruiting|team|tim|the team|people|careers?|noreply|no-reply)$/i;
const NOT_NAMES =
  /^(senin|selasa|rabu|kamis|jumat|sabtu|minggu|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|januari|februari|maret|mei|juni|juli|agustus|oktober|desember|wib|wita|wit|est|pst|zoom|google|meet|teams|interview|wawancara|dear|hi|hello|halo|yth|terima|thanks|thank|regards|salam|hormat|best|cheers|the|our|your|we|kami|anda|this|tim|team|hrd|hr|posisi|position|role|cv|pt|tbk|jl|jalan|gedung|lantai|lt)$/i;

const HONORIFIC =
  /^(?:bapak|ibu|bpk|pak|bu|sdr|sdri|saudara|saudari|kak|kakak|mas|mbak|mba|mr|mrs|ms|miss|dr|prof|ir)\.?\s+/i;

interface Candidate {
  value: string;
  /** `value` squashed: what makes two spellings the same candidate. */
  key: string;
  score: number;
}

function add(list: Candidate[], value: string | undefined | null, score: number): void {
  if (!value) return;
  const v = value
    .replace(/\s+/g, " ")
    .replace(/^[\s"'*_“”‘’]+|[\s"'*_“”‘’,.:;!?]+$/g, "")
    .trim();
  if (v.length < 2 || v.length > 80) return;
  const key = squash(v);
  const existing = list.find((c) => c.key === key);
  if (existing) {
    existing.score += score;
    if (v.length > existing.value.length) existing.value = v;
  } else {
    list.push({ value: v, key, score });
  }
}

/** Lower-case letters and digits only, legal forms dropped: "PT Mitra Logistik Prima" → "mitralogistikprima". */
export function squash(s: string): string {
  return s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\b(pt|cv|tbk|persero|inc|ltd|llc|co|corp|pte|gmbh|plc|limited|group)\b\.?/g, "")
    .replace(/[^a-z0-9]/g, "");
}

function best(list: Candidate[]): Candidate | null {
  let top: Candidate | null = null;
  for (const c of list) if (!top || c.score > top.score) top = c;
  return top;
}

/** The organisation part of a sender's domain: "hr@mail.brightlineanalytics.com" → "brightlineanalytics". */
function domainLabel(address: string | null | undefined): string | null {
  const domain = address?.split("@")[1];
  if (!domain) return null;
  const parts = domain.toLowerCase().split(".");
  const generic =
    /^(com|co|id|net|org|io|ac|or|go|my|sg|au|uk|us|biz|info|mail|email|hr|careers|jobs|recruit|app)$/;
  const meaningful = parts.filter((p) => !generic.test(p));
  return meaningful.length ? meaningful[meaningful.length - 1] : null;
}

function matchesDomain(value: string, label: string | null): boolean {
  if (!label || label.length < 3) return false;
  const s = squash(value);
  if (s.length < 3) return false;
  return label.startsWith(s) || s.startsWith(label) || (s.length >= 5 && label.includes(s.slice(0, 5)));
}

function cleanCompany(raw: string): string | null {
  let v = raw.replace(/\s+(?:team|tim|careers|recruiting|talent acquisition)$/i, "").trim();
  v = v.replace(/[.,:;]+$/, "");
  const words = v.split(/\s+/);
  while (words.length && NOT_NAMES.test(words[words.length - 1])) words.pop();
  v = words.join(" ");
  if (!v || PLATFORMS.test(v) || NOT_NAMES.test(v) || TIME_WORDS.test(v) || !/\p{L}{2}/u.test(v)) return null;
  return v;
}

export interface CompanyHints {
  subject: string;
  body: string;
  sender: Address | null;
}

const TIME_WORDS =
  /\b(senin|selasa|rabu|kamis|jumat|sabtu|minggu|monday|tuesday|wednesday|thursday|friday|saturday|sunday|jan(?:uary|uari)?|feb(?:ruary|ruari)?|march|maret|april|may|mei|june?|juni|july|juli|aug(?:ust)?|agustus|sep(?:tember)?|oct(?:ober)?|oktober|nov(?:ember)?|dec(?:ember)?|des(?:ember)?|today|tomorrow|besok|hari)\b/i;
const LEGAL_END = /\b(?:pte\.? ltd|ltd|inc|llc|gmbh|corp(?:oration)?|tbk|plc|limited|b\.v\.|s\.a\.)\.?$/i;

/** The last lines of a mail: where a signature names the company. */
function signatureLines(body: string): string[] {
  const lines = body
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.slice(-8);
}

const LEGAL_ENTITY = new RegExp(`\\b(PT|CV)\\.?\\s+(${NAME_RUN})(\\s+Tbk)?`, "gu");
const AT_COMPANY = new RegExp(
  `\\b(?:at|di|join|joining|bergabung dengan|from|with the team at|team at)\\s+(${NAME_RUN})`,
  "gu",
);
const TITLE_COMMA_COMPANY = new RegExp(
  `^(?:[\\p{L} &]{0,40}(?:recruit\\w*|talent\\w*|partner|coordinator|manager|hr|people|founder|ceo|cto|lead|acquisition|rekrutmen|team))\\s*[,–—|-]\\s*(${NAME_RUN})\\s*$`,
  "gimu",
);
const WHOLE_NAME_RUN = new RegExp(`^${NAME_RUN}$`, "u");

export function findCompany({ subject, body, sender }: CompanyHints): {
  value: string | null;
  confidence: number;
} {
  const list: Candidate[] = [];
  const label = domainLabel(sender?.address);
  for (const text of [subject, sender?.name ?? "", body]) {
    for (const m of text.matchAll(LEGAL_ENTITY)) {
      add(list, cleanCompany(`${m[1]} ${m[2]}${m[3] ?? ""}`), 3);
    }
  }
  for (const m of `${subject}\n${body}`.matchAll(AT_COMPANY)) {
    add(list, cleanCompany(m[1]), 2);
  }
  // Signatures: "Technical Recruiter, Brightline Analytics" / "Talent Acquisition – PT Rupa Data Indonesia".
  for (const m of body.matchAll(TITLE_COMMA_COMPANY)) {
    add(list, cleanCompany(m[1]), 2);
  }
  // A signature line of its own: "Kallang Logistics Pte Ltd", or one the sender's domain spells.
  for (const line of signatureLines(body)) {
    if (!WHOLE_NAME_RUN.test(line)) continue;
    add(list, cleanCompany(line), LEGAL_END.test(line) ? 2 : 0.5);
  }
  // Subject pieces around a separator: "Brightline Analytics | Data Engineer II"; the piece before a role is the
  // company more often than not.
  const pieces = subject.split(/\s[|–—-]\s|:\s/).map((p) => p.trim());
  pieces.forEach((piece, i) => {
    const beforeRole = i + 1 < pieces.length && ROLE_WORDS.test(pieces[i + 1]) && !ROLE_WORDS.test(piece);
    add(list, cleanCompany(piece), beforeRole ? 1.5 : 0.5);
  });
  const senderName = sender?.name?.replace(/\s+via\s+.*$/i, "") ?? "";
  if (senderName) {
    add(
      list,
      cleanCompany(senderName.replace(/^(?:hrd|hr|recruitment|rekrutmen|talent acquisition)\s+/i, "")),
      1,
    );
    // A contact saved as "Bu Hesti Roti Manis Jaya": the words it shares with the text name the company.
    const words = senderName.split(/\s+/);
    for (let k = 1; k < words.length - 1; k++) {
      const tail = words.slice(k).join(" ");
      if (body.includes(tail)) {
        add(list, cleanCompany(tail), 2);
        break;
      }
    }
  }
  for (const c of list) {
    if (matchesDomain(c.value, label)) c.score += 3;
    // A capitalised run that merely looks like a name scores low unless something else backs it.
    if (/\b(interview|wawancara|invitation|undangan|offer|update|re|fwd|fw)\b/i.test(c.value)) c.score -= 3;
  }
  if (label) {
    // The domain alone names a company when nothing in the text does ("quillstone.io" → "Quillstone").
    const written = body.match(new RegExp(`\\b(${label})\\b`, "i"));
    if (written) add(list, cleanCompany(written[1].slice(0, 1).toUpperCase() + written[1].slice(1)), 1);
  }
  const top = best(list);
  if (!top || top.score < 1.5) return { value: null, confidence: 0.2 };
  return { value: top.value, confidence: Math.min(0.95, 0.4 + top.score / 10) };
}

const ROLE_WORDS =
  /\b(engineer|developer|programmer|manager|staff|analyst|officer|coordinator|koordinator|designer|writer|intern|supervisor|representative|advisor|accountant|accounting|admin|administrator|specialist|lead|consultant|executive|associate|drafter|scientist|architect|marketing|sales|assistant|head|director|operator|technician|teller|cashier|kasir|barista|guru|teacher|researcher|editor|product|finance|legal|auditor|recruiter|strategist|trainee|magang|management|sre|devops|qa|tester|fullstack|frontend|backend|nurse|perawat|apoteker|driver|helper|operations|chef|cook|crew|merchandiser|buyer|planner|controller|agent|clerk)\b/i;

/** A role as written; a label ("posisi:", "position of") vouches for it, a subject piece must look like one. */
function cleanPosition(raw: string, vouched: boolean): string | null {
  let v = raw.replace(/[*_]/g, "").replace(/\s+/g, " ").trim();
  v = v.replace(
    /\s+(?:role|position|posisi|interview|wawancara|di|at|pada|yang|dengan|with|in|dan|and|bersama)$/i,
    "",
  );
  v = v.replace(/^(?:the|a|an|our)\s+/i, "");
  // "Cloud Infrastructure Engineer (R-0048213" lost its closing bracket to a stop word: drop the aside.
  if (v.lastIndexOf("(") > v.lastIndexOf(")")) v = v.slice(0, v.lastIndexOf("(")).trim();
  if (!v || v.length > 70 || !/^[\p{Lu}\d]/u.test(v) || (!vouched && !ROLE_WORDS.test(v))) return null;
  if (/\b(interview|wawancara|undangan|invitation|update|offer|penawaran|kami|anda|kamu)\b/i.test(v))
    return null;
  return v;
}

const ROLE_RUN = `[\\p{Lu}\\p{N}][\\p{L}\\p{N}&/'’.+#-]*(?:,?[ \\t]+(?:[–-][ \\t]+)?\\(?[\\p{L}\\p{N}&/'’.+#-]+\\)?){0,7}`;
// "Software Engineer II, Mobile" keeps its comma; "Staff Accounting, bersama ini" and ", PT ..." do not.
const ROLE_END = /[.;:!?\n]|,(?!\s(?!PT\b|CV\b)\p{Lu})/u;
const ROLE_STOP =
  /\s+(?:di|at|pada|yang|dengan|with|in|for|untuk|bersama|melalui|via|dan|and|telah|sudah|has|was|is|are|adalah|ialah|lain|kami|we|on|to|from|dari|sebagai|role|position|team|tim|lewat|ya|mengalami|karena|akan|interview|wawancara)\b.*$/i;

/** "posisi|role" → "[Pp]osisi|[Rr]ole": a leading capital allowed, the rest as written. */
function anyCase(alternatives: string): string {
  return alternatives
    .split("|")
    .map((w) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`)
    .join("|");
}

function subjectRole(piece: string): string | null {
  const v = piece
    .replace(/\s+(?:at|di|with|dengan|on|pada|for|untuk)\s+.*$/i, "")
    .replace(/\s+(?:interview|wawancara)$/i, "")
    .replace(/\(.*?\)\s*$/, "")
    .replace(
      /^(?:(?:interview|wawancara|undangan|offer|panggilan|take[- ]home[\w ]*?|next steps?)\s*(?:for|untuk|-|:)?\s*)+/i,
      "",
    )
    .trim();
  return cleanPosition(v, false);
}

// Case matters: the role starts with a capital ("posisi Staff Accounting"), the words around it may not.
const ROLE_PATTERNS: [RegExp, number, boolean][] = [
  [
    new RegExp(
      `^\\s*(?:${anyCase("posisi|jabatan|position|role|job title|lowongan")})\\s*[:：]\\s*(${ROLE_RUN})`,
      "gmu",
    ),
    4,
    true,
  ],
  [new RegExp(`\\b(?:${anyCase("posisi|position of|jabatan")})\\s+(${ROLE_RUN})`, "gu"), 3, true],
  [new RegExp(`\\b(?:${anyCase("sebagai|as a|as an|as our")})\\s+(${ROLE_RUN})`, "gu"), 2, false],
  [
    new RegExp(
      `\\b(?:${anyCase("for|untuk|the|our|your")})\\s+(${ROLE_RUN})\\s+(?:${anyCase("role|position|opening|vacancy|interview")})\\b`,
      "gu",
    ),
    3,
    false,
  ],
  [
    new RegExp(
      `\\b(?:${anyCase("application for|applying for|applied for|offer for|interview for|apply for")})\\s+(?:the\\s+)?(${ROLE_RUN})`,
      "gu",
    ),
    2,
    false,
  ],
];

export function findPosition(subject: string, body: string): { value: string | null; confidence: number } {
  const list: Candidate[] = [];
  const text = `${body}\n${subject}`;

  for (const [pattern, score, vouched] of ROLE_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      add(list, cleanPosition(m[1].replace(ROLE_STOP, "").split(ROLE_END)[0], vouched), score);
    }
  }
  const subjectText = subject.replace(
    /^(?:(?:fwd?|fw|re|tr|wg|aw|updated|confirmed|canceled|cancelled|invitation)\s*:\s*)+/i,
    "",
  );
  // Strong separators first; a hyphen may be part of the role ("Management Trainee - Finance"), so a piece counts
  // whole and, a little less, split at its hyphens.
  for (const piece of subjectText.split(/\s[|–—]\s|:\s|\s@\s/u)) {
    add(list, subjectRole(piece), 1.5);
    const parts = piece.split(/\s-\s(?=\P{Ll})/u);
    if (parts.length > 1) for (const part of parts) add(list, subjectRole(part), 1);
  }
  const top = best(list);
  if (!top) return { value: null, confidence: 0.2 };
  return { value: top.value, confidence: Math.min(0.95, 0.4 + top.score / 10) };
}

const PERSON = "[A-Z][\\p{L}'’.-]+(?:[ \\t]+[A-Z][\\p{L}'’.-]+){1,3}";
const TITLE = "(?:Bapak|Ibu|Bpk|Pak|Bu|Sdr|Sdri|Kak|Mas|Mbak|Mr|Mrs|Ms|Dr|Prof)\\.?";
const PERSON_HON = `(?:${TITLE}\\s+)?(${PERSON}|[A-Z][\\p{L}'’-]+)`;

function cleanPerson(raw: string): string | null {
  const v = raw.replace(HONORIFIC, "").trim();
  const words = v.split(/\s+/);
  while (words.length && NOT_NAMES.test(words[words.length - 1])) words.pop();
  if (!words.length || NOT_NAMES.test(words[0])) return null;
  return words.join(" ");
}

export interface InterviewerHints {
  body: string;
  sender: Address | null;
  candidate: Address[];
  invites: Invite[];
}

const FIRST_PERSON =
  /\b(?:I(?:'|’)d (?:love|like) to|I would (?:love|like) to|I(?:'|’)ll be (?:interviewing|speaking)|(?:chat|meet|interview) with me|(?:dengan|sama|bersama) saya(?! sendiri)|saya sendiri yang)\b/i;
const SELF_INTRODUCED = new RegExp(`\\b(?:[Ss]aya|[Mm]y name is|I am|I'm|[Tt]his is)\\s+(${PERSON})`, "u");

const LABELLED_PERSON = new RegExp(
  `^[^\\p{L}\\n]{0,4}(?:your interviewers?|interviewers?|pewawancara|bertemu(?:\\s+dengan)?|interview(?:\\s+dengan|\\s+with)|with|dengan|user|panelists?|panel|host|hosted by|bertemu)\\s*[:：]\\s*${PERSON_HON}`,
  "gimu",
);
const PERSON_AFTER_PHRASE = new RegExp(
  `\\b(?:speaking with|speak with|meet with|meeting with|interview with|chat with|call with|conversation with|role with|position with|interviewed by|conducted by|led by|hosted by|run by|your interviewer(?: will be|:)|dilakukan oleh|dilaksanakan oleh|diwawancarai oleh|dipandu oleh|oleh|bersama|langsung dengan|dengan)\\s+${PERSON_HON}`,
  "gu",
);
const TITLED_PERSON = new RegExp(
  `\\b(?:with|dengan|bersama|sama|and)\\s+${TITLE}\\s+(${PERSON}|[A-Z][\\p{L}'’-]+)`,
  "gu",
);
const WILL_INTERVIEW =
  /\s+(?:will (?:interview|be interviewing|meet|speak|join|lead|run|call)|akan (?:mewawancarai|menginterview|menelepon|menghubungi))\b/g;
const NAME_BEFORE_VERB = new RegExp(`${PERSON_HON}\\s*(?:\\([^)]{3,60}\\))?$`, "u");

export function findInterviewer({ body, sender, candidate, invites }: InterviewerHints): {
  value: string | null;
  confidence: number;
} {
  const list: Candidate[] = [];
  for (const m of body.matchAll(LABELLED_PERSON)) add(list, cleanPerson(m[1]), 5);
  for (const m of body.matchAll(PERSON_AFTER_PHRASE)) add(list, cleanPerson(m[1]), 3);
  // "with Ibu Ratna Wijaya", "sama Pak Budi": a title marks a person.
  for (const m of body.matchAll(TITLED_PERSON)) {
    add(list, cleanPerson(m[1]), 2);
  }
  // "Tomás will send", "Kak Nindya akan menelepon": found by the verb, then the name just before it.
  for (const verb of body.matchAll(WILL_INTERVIEW)) {
    const name = NAME_BEFORE_VERB.exec(body.slice(Math.max(0, verb.index - 80), verb.index));
    if (name) add(list, cleanPerson(name[1]), 3);
  }
  for (const invite of invites) {
    for (const a of invite.attendees) {
      if (!a.name || (invite.organizer?.address && a.address === invite.organizer.address)) continue;
      add(list, cleanPerson(a.name), 2);
    }
  }
  // "I'd love to have a technical chat with you", "interviewnya langsung sama saya": the sender runs it.
  const firstPerson = FIRST_PERSON.test(body);
  const self = firstPerson ? (SELF_INTRODUCED.exec(body)?.[1] ?? sender?.name ?? null) : null;
  if (self) add(list, cleanPerson(self.replace(/\s+via\s+.*$/i, "")), 3);
  mergeFirstNames(list);
  // The candidate is the one greeted ("Hi Dimas"), or the only recipient; a cancellation may also go to the
  // interviewer, so other recipients stay in the running.
  const greeting = (
    body.match(/^\s*(?:dear|hi|hello|halo|hai|yth\.?|kepada yth\.?|selamat \w+)\b[^\n]{0,60}/im)?.[0] ?? ""
  ).toLowerCase();
  const greeted = (name: string) => greeting.includes(name.split(" ")[0].toLowerCase());
  const exclude = new Set<string>();
  for (const a of candidate)
    if (a.name && (candidate.length === 1 || greeted(a.name))) exclude.add(squash(a.name));
  const top = best(
    list.filter((c) => {
      const s = c.key;
      if (!s || exclude.has(s) || greeted(c.value)) return false;
      return firstPerson || !sender?.name || squash(sender.name) !== s || c.score >= 5;
    }),
  );
  if (!top) return { value: null, confidence: 0.3 };
  return { value: top.value, confidence: Math.min(0.95, 0.4 + top.score / 10) };
}

/** "Kak Nindya akan menelepon" backs "Kak Nindya Paramitha" named earlier: a lone first name joins the full name. */
function mergeFirstNames(list: Candidate[]): void {
  for (const lone of list.filter((c) => !c.value.includes(" "))) {
    const full = list.find((c) => c !== lone && c.value.startsWith(`${lone.value} `));
    if (full) {
      full.score += lone.score;
      lone.score = 0;
    }
  }
}
