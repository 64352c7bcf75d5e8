/**
 * Links a message to its application and applies what it says: by thread, else by company + position, else by
 * the recruiter's domain; otherwise a new application. Newsletters and job alerts create none.
 */
import {
  type Application,
  applicationById,
  applicationInThread,
  applicationsOfAccount,
  type Db,
  type Interview,
  insertApplication,
  insertInterview,
  interviewsOf,
  updateApplication,
  updateInterview,
} from "../db/queries";
import { squash } from "../extract/parties";
import type { Facts } from "../extract/types";

// Mail from these domains says nothing about which company it is for.
const SHARED_DOMAINS =
  /(^|\.)(gmail\.com|googlemail\.com|yahoo\.[a-z.]+|ymail\.com|outlook\.[a-z.]+|hotmail\.[a-z.]+|live\.[a-z.]+|icloud\.com|me\.com|proton\.me|protonmail\.com|linkedin\.com|glints\.com|jobstreet\.[a-z.]+|jobsdb\.[a-z.]+|seek\.[a-z.]+|kalibrr\.com|dealls\.com|kitalulus\.com|karirhub\.id|indeed\.com|myworkday\.com|workday\.com|greenhouse\.io|lever\.co|ashbyhq\.com|smartrecruiters\.com|workable\.com|calendly\.com|goodtime\.io|modernloop\.io|hackerrank\.com|codility\.com|google\.com|microsoft\.com|zoom\.us)$/i;

export function recruiterDomain(address: string | null): string | null {
  const domain = address?.split("@")[1]?.toLowerCase();
  if (!domain || SHARED_DOMAINS.test(domain)) return null;
  return domain;
}

function key(value: string | null): string | null {
  const k = value ? squash(value) : "";
  return k || null;
}

/** The application this message belongs to, if any exists yet. */
export async function findApplication(
  db: Db,
  accountId: number,
  facts: Facts,
  threadIds: string[],
): Promise<Application | undefined> {
  const inThread = await applicationInThread(db, accountId, threadIds);
  if (inThread) return applicationById(db, inThread);
  const all = await applicationsOfAccount(db, accountId);
  const companyKey = key(facts.company);
  const positionKey = key(facts.position);
  if (companyKey) {
    const sameCompany = all.filter((a) => a.companyKey === companyKey);
    const exact = sameCompany.find((a) => a.positionKey === positionKey);
    if (exact) return exact;
    // One side does not name the role: the company's only open application is meant.
    if (!positionKey || sameCompany.every((a) => !a.positionKey)) {
      if (sameCompany.length === 1) return sameCompany[0];
    }
  }
  const domain = recruiterDomain(facts.contact ?? facts.original?.from ?? null);
  if (domain) {
    const sameDomain = all.filter((a) => a.recruiterDomain === domain);
    const compatible = sameDomain.filter(
      (a) => !positionKey || !a.positionKey || a.positionKey === positionKey,
    );
    if (compatible.length === 1) return compatible[0];
  }
  return undefined;
}

const STATUS_OF_KIND: Partial<Record<Facts["kind"], Application["status"]>> = {
  rejection: "rejected",
  offer: "offer",
  deferral: "deferred",
};

/** A field is filled from the mail unless the person fixed it by hand. */
function fill<T>(
  app: Application | undefined,
  field: string,
  current: T | null | undefined,
  value: T | null,
): T | null {
  if (app?.fixedFields.includes(field)) return current ?? null;
  return value ?? current ?? null;
}

/** Creates or updates the application from the facts; returns it. */
export async function upsertApplication(
  db: Db,
  accountId: number,
  existing: Application | undefined,
  facts: Facts,
  now: number,
): Promise<Application> {
  const company = fill(existing, "company", existing?.company, facts.company);
  const position = fill(existing, "position", existing?.position, facts.position);
  const values = {
    company,
    position,
    companyKey: key(company),
    positionKey: key(position),
    recruiterDomain:
      existing?.recruiterDomain ?? recruiterDomain(facts.contact ?? facts.original?.from ?? null),
    contact: fill(existing, "contact", existing?.contact, facts.contact),
    language: existing?.language ?? facts.language,
    stage: fill(existing, "stage", existing?.stage, facts.stage),
    status: existing?.fixedFields.includes("status")
      ? existing.status
      : (STATUS_OF_KIND[facts.kind] ?? existing?.status ?? "active"),
    respondBy: fill(existing, "respondBy", existing?.respondBy, facts.respondBy),
    respondByRule: fill(existing, "respondBy", existing?.respondByRule, facts.respondByRule),
    dueBy: fill(existing, "dueBy", existing?.dueBy, facts.dueBy),
    dueByRule: fill(existing, "dueBy", existing?.dueByRule, facts.dueByRule),
    updatedAt: now,
  };
  if (!existing) return insertApplication(db, { accountId, ...values, createdAt: now });
  await updateApplication(db, existing.id, values);
  return { ...existing, ...values };
}

const SAME_SLOT = 60_000;

/**
 * Applies the message's interview to the application: an invitation adds one (once), a confirmation confirms it,
 * a reschedule moves the upcoming one, a cancellation cancels the one it names.
 */
export async function applyInterview(
  db: Db,
  app: Application,
  facts: Facts,
  messageId: number,
  /** When the message was written: the interview upcoming then is the one it moves or cancels. */
  writtenAt: number,
  now: number,
): Promise<Interview | undefined> {
  const iv = facts.interview;
  if (!iv) return undefined;
  const startAt = Date.parse(iv.start);
  const endAt = iv.end ? Date.parse(iv.end) : null;
  const all = await interviewsOf(db, app.id);
  const same = all.find((i) => Math.abs(i.startAt - startAt) < SAME_SLOT);
  const upcoming = all.filter((i) => i.status !== "cancelled" && i.startAt >= writtenAt).at(-1);
  const named = all.find((i) => i.createdByMessageId === messageId);
  const details = {
    startAt,
    endAt,
    zone: iv.zone,
    meetingUrl: iv.meetingUrl,
    place: iv.place,
    interviewer: facts.interviewer,
    stage: facts.stage,
    messageId,
    updatedAt: now,
  };
  if (facts.kind === "cancellation") {
    const target = same ?? named ?? upcoming;
    if (!target) {
      return insertInterview(db, {
        applicationId: app.id,
        ...details,
        status: "cancelled",
        createdByMessageId: messageId,
        createdAt: now,
      });
    }
    await updateInterview(db, target.id, { status: "cancelled", messageId, updatedAt: now });
    return { ...target, status: "cancelled" };
  }
  const status = facts.kind === "confirmation" ? "confirmed" : (same?.status ?? "scheduled");
  // A reschedule or a confirmation of another time moves the upcoming interview rather than adding one.
  const target =
    same ?? named ?? (facts.kind === "reschedule" || facts.kind === "confirmation" ? upcoming : undefined);
  if (target) {
    // What the person corrected by hand on this application stays as they wrote it.
    const fixed = (field: string) => app.fixedFields.includes(field);
    const merged = {
      ...details,
      startAt: fixed("interviewStart") ? target.startAt : details.startAt,
      endAt: fixed("interviewStart") ? target.endAt : details.endAt,
      zone: fixed("interviewZone") ? target.zone : details.zone,
      meetingUrl: fixed("meetingUrl") ? target.meetingUrl : (details.meetingUrl ?? target.meetingUrl),
      place: details.place ?? target.place,
      interviewer: fixed("interviewer") ? target.interviewer : (details.interviewer ?? target.interviewer),
      stage: details.stage ?? target.stage,
      status: status === "scheduled" && target.status === "confirmed" ? "confirmed" : status,
    } as const;
    await updateInterview(db, target.id, merged);
    return { ...target, ...merged };
  }
  return insertInterview(db, {
    applicationId: app.id,
    ...details,
    status,
    createdByMessageId: messageId,
    createdAt: now,
  });
}
