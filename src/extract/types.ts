/** The facts kabari reads from one interview email or pasted message. */

export type Kind =
  | "invitation"
  | "reschedule"
  | "cancellation"
  | "confirmation"
  | "rejection"
  | "offer"
  | "deferral"
  | "assignment"
  | "other";

export type Language = "id" | "en";

export type Stage = "screening" | "hr" | "user" | "technical" | "panel" | "final" | "management";

/** An address as written in a header or a forwarded header block. */
export interface Address {
  name: string;
  /** null when the header names no address (e.g. `From: John Doe`). */
  address: string | null;
}

/** Wall-clock parts of a date as written, before a zone is applied. */
export interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  /** Minutes east of UTC when the text states an offset or zone, else undefined (the person's zone applies). */
  offsetMinutes?: number;
}

/** The original message found inside a forward. */
export interface ForwardedOriginal {
  from: Address | null;
  to: Address[];
  cc: Address[];
  subject: string | null;
  /** The date exactly as the forwarding client wrote it (localised). */
  dateText: string | null;
  /** The same date read into parts, when it could be read. */
  date: LocalDateTime | null;
  /** The forwarded message's body: the text below its header block. */
  body: string;
  /** What the forwarder wrote above the forward. */
  note: string;
}

/** A calendar invitation (.ics) read with ical.js. */
export interface Invite {
  method: string | null; // REQUEST, CANCEL, PUBLISH, REPLY...
  sequence: number;
  status: string | null; // CONFIRMED, CANCELLED, TENTATIVE
  summary: string | null;
  description: string | null;
  location: string | null;
  /** ISO 8601 instant with offset, in the event's own zone when known. */
  start: string | null;
  end: string | null;
  /** IANA zone of the start, when the invite names one (Windows names mapped to IANA). */
  zone: string | null;
  /** Zoom / Meet / Teams / Webex join link found in LOCATION, DESCRIPTION, URL or X- properties. */
  meetingUrl: string | null;
  organizer: Address | null;
  attendees: Address[];
  uid: string | null;
}

/** One email as the extractor reads it: decoded by src/mail/parse.ts, attached messages parsed in turn. */
export interface Mail {
  from: Address | null;
  to: Address[];
  replyTo: Address | null;
  subject: string;
  /** The Date header as an ISO instant, null when missing or unreadable. */
  date: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Header lines that tell an automatic forward from a hand-made one (lower-case names). */
  headers: Record<string, string>;
  /** The text body; from the HTML body when the mail has no text part. */
  text: string;
  /** Calendar invitations carried by the mail (text/calendar parts, .ics files). */
  calendars: string[];
  /** Messages attached to it (message/rfc822), parsed. */
  attached: Mail[];
}

/** A moment as the output reports it: ISO 8601 with an offset. */
export interface Interview {
  start: string;
  end: string | null;
  /** IANA zone the interview was written in, when known. */
  zone: string | null;
  meetingUrl: string | null;
  place: string | null;
}

/** A promise kept as a rule, so the planner can recompute it with the person's own holidays. */
export interface PromiseRule {
  /** What it counts from. */
  from: "interview" | "message";
  /** The date counted from (YYYY-MM-DD, the person's zone). */
  fromDate: string;
  amount: number;
  unit: "business_days" | "days" | "hours" | "weeks" | "date";
  text: string;
}

/** The message that was forwarded (or the message itself when it came straight or by auto-forward). */
export interface Original {
  from: string | null;
  subject: string | null;
  /** ISO instant. */
  date: string | null;
  /** Its Message-ID, when the forward kept it (an attachment, an auto-forward). */
  messageId: string | null;
  /** Its In-Reply-To and References, when known: the thread it belongs to. */
  threadIds: string[];
  /** Sender, subject, minute and text reduced to a short hash: the same original forwarded twice has the same. */
  fingerprint: string;
}

export interface Facts {
  kind: Kind;
  language: Language;
  company: string | null;
  position: string | null;
  interviewer: string | null;
  stage: Stage | null;
  interview: Interview | null;
  /** The date by which the company promised a decision (YYYY-MM-DD). */
  respondBy: string | null;
  respondByRule: PromiseRule | null;
  /** The candidate's own deadline: assignment, RSVP, offer acceptance (YYYY-MM-DD). */
  dueBy: string | null;
  dueByRule: PromiseRule | null;
  /** An earlier interview that a rejection or deferral refers to (ISO date), when stated. */
  pastInterview: string | null;
  /** Who to reply to: the recruiter's address. */
  contact: string | null;
  original: Original | null;
  /** 0..1 per fact: how sure the extractor is. A later step sends doubtful results to review. */
  confidence: Record<
    "kind" | "company" | "position" | "interviewer" | "interview" | "respondBy" | "dueBy",
    number
  >;
}
