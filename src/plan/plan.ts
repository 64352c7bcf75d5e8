/**
 * plan(): from an application's timeline to the reminders the etiquette of RULES.md asks for. Pure: the rules,
 * the person's business calendar and `now` are arguments, so every rule can be tested at any date.
 */
import type { PromiseRule } from "../extract/types";
import {
  atLocalTime,
  type BusinessClock,
  businessDaysEarlier,
  businessDaysLater,
  lastBusinessMomentBefore,
  localDate,
  nextBusinessMoment,
} from "./business-time";
import { addBusinessDays, addDays } from "./calendar";
import type { Rules } from "./rules";

export type ReminderKind =
  | "prep"
  | "cancel_by"
  | "thank_you"
  | "follow_up_1"
  | "follow_up_2"
  | "stop"
  | "deadline";
export type PlanState =
  | "scheduled"
  | "interviewed"
  | "waiting"
  | "followed_up_1"
  | "followed_up_2"
  | "closed";

export interface PlanInterview {
  id: number;
  startAt: number;
  endAt: number | null;
  status: "scheduled" | "confirmed" | "cancelled";
  stage: string | null;
}

export interface PlanMessage {
  at: number;
  direction: "inbound" | "outbound";
  /** An extracted kind for inbound mail; thank_you / follow_up / sent for the person's own. */
  kind: string | null;
}

/** What the person did with a step: marked it sent (or sent it by Bcc), or snoozed it. */
export interface PlanAction {
  kind: ReminderKind;
  interviewId: number | null;
  action: "done" | "snoozed";
  at: number;
  until?: number;
}

export interface PlanInput {
  status: "active" | "offer" | "rejected" | "deferred" | "withdrawn" | "stopped";
  stage: string | null;
  respondBy: string | null;
  respondByRule: PromiseRule | null;
  dueBy: string | null;
  interviews: PlanInterview[];
  messages: PlanMessage[];
  actions: PlanAction[];
}

export interface PlannedReminder {
  kind: ReminderKind;
  interviewId: number | null;
  dueAt: number;
  /** A thank-you after a short screening call is recommended, not required. */
  required: boolean;
  /** Why it is due then, in plain words (English; the digest words it for the person). */
  why: string;
  /** When the person did it (marked in the digest, or their own mail seen by Bcc); null while it is to do. */
  doneAt: number | null;
}

export interface Plan {
  state: PlanState;
  reminders: PlannedReminder[];
  /** Warnings for the digest, e.g. a year without holiday data. */
  flags: string[];
  /**
   * The decision date the company promised, as counted now: "5 hari kerja setelah interview" moves with a
   * rescheduled interview and with the person's holidays. Stored back on the application, so no page shows a
   * date the reminders no longer follow.
   */
  promisedBy: string | null;
}

const HOUR = 3600000;
const DAY = 24 * HOUR;
const SCREENING = /screening/i;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

/**
 * The promised decision date, recounted: "N hari kerja" with the person's own holidays, and a promise counted
 * from the interview from the interview as it stands now (a reschedule moves it).
 */
function promisedDate(input: PlanInput, clock: BusinessClock, interviewDay: string | null): string | null {
  const rule = input.respondByRule;
  if (!rule || rule.unit === "date") return input.respondBy;
  const from = rule.from === "interview" && interviewDay ? interviewDay : rule.fromDate;
  if (rule.unit === "business_days") return addBusinessDays(clock.calendar, from, rule.amount);
  if (rule.unit === "days") return addDays(from, rule.amount);
  if (from === rule.fromDate) return input.respondBy;
  return addDays(from, Math.ceil(rule.amount / 24));
}

function doneAt(input: PlanInput, kind: ReminderKind, interviewId: number | null = null): number | null {
  const own = input.actions.find(
    (a) => a.kind === kind && a.action === "done" && a.interviewId === interviewId,
  );
  return own?.at ?? null;
}

/** When the person sent follow-ups: marked in the digest, or seen by Bcc after `since`. */
function followUpsSent(input: PlanInput, since: number): number[] {
  const marked = [doneAt(input, "follow_up_1"), doneAt(input, "follow_up_2")].filter(
    (x): x is number => x !== null,
  );
  const seen = input.messages
    .filter((m) => m.direction === "outbound" && m.kind === "follow_up")
    .map((m) => m.at);
  return [...new Set([...marked, ...seen])].filter((at) => at >= since).sort((a, b) => a - b);
}

function snoozed(
  input: PlanInput,
  kind: ReminderKind,
  interviewId: number | null,
  dueAt: number,
  clock: BusinessClock,
) {
  const s = input.actions.find(
    (a) => a.kind === kind && a.action === "snoozed" && a.interviewId === interviewId,
  );
  return s?.until && s.until > dueAt ? nextBusinessMoment(clock, s.until) : dueAt;
}

export function plan(input: PlanInput, rules: Rules, clock: BusinessClock, now: number): Plan {
  const reminders: PlannedReminder[] = [];
  const add = (
    kind: ReminderKind,
    interviewId: number | null,
    dueAt: number,
    why: string,
    required = true,
    done: number | null = doneAt(input, kind, interviewId),
  ) => {
    const due = snoozed(input, kind, interviewId, dueAt, clock);
    reminders.push({ kind, interviewId, dueAt: due, required, why, doneAt: done });
  };
  const inbound = input.messages.filter((m) => m.direction === "inbound").sort((a, b) => a.at - b.at);
  const lastMessageAt = inbound.at(-1)?.at ?? now;
  const workStart = minutes(rules.workStart);

  if (input.status === "stopped" || input.status === "withdrawn")
    return { state: "closed", reminders, flags: [], promisedBy: input.respondBy };
  if (input.status === "rejected") {
    add("stop", null, nextBusinessMoment(clock, lastMessageAt), "rejected: stop following up, keep in touch");
    return { state: "closed", reminders, flags: [], promisedBy: input.respondBy };
  }
  if (input.dueBy) {
    // The day before, so there is still time; the deadline's own day when it is the next business day.
    const deadline = atLocalTime(clock, input.dueBy, workStart);
    add("deadline", null, businessDaysEarlier(clock, deadline, 1), `deadline ${input.dueBy}`);
  }
  if (input.status === "offer")
    return {
      state: "closed",
      reminders,
      flags: yearsWithoutData(clock, reminders),
      promisedBy: input.respondBy,
    };
  const held = input.interviews.filter((i) => i.status !== "cancelled").sort((a, b) => a.startAt - b.startAt);
  const lastHeld = held.at(-1);
  const promised = promisedDate(input, clock, lastHeld ? localDate(clock, lastHeld.startAt) : null);
  if (input.status === "deferred" && !promised) {
    add("stop", null, nextBusinessMoment(clock, lastMessageAt), "no decision soon: stop following up");
    return { state: "closed", reminders, flags: [], promisedBy: promised };
  }

  for (const iv of held) {
    const end = iv.endAt ?? iv.startAt + rules.assumedInterviewMinutes * 60000;
    add(
      "prep",
      iv.id,
      businessDaysEarlier(clock, iv.startAt, rules.prepBusinessDaysBefore),
      "interview coming",
    );
    // The call should reach the office: the last working moment before start − notice.
    add(
      "cancel_by",
      iv.id,
      lastBusinessMomentBefore(clock, iv.startAt - rules.cancelNoticeHours * HOUR),
      "cancel by",
    );
    const screening = SCREENING.test(iv.stage ?? input.stage ?? "");
    const required = !screening || rules.thankYouAfterScreening === "required";
    const thanked =
      doneAt(input, "thank_you", iv.id) ??
      input.messages.find((m) => m.direction === "outbound" && m.kind === "thank_you" && m.at >= iv.startAt)
        ?.at ??
      null;
    add(
      "thank_you",
      iv.id,
      end + rules.thankYouWithinHours * HOUR,
      "within 24 hours of the interview",
      required,
      thanked,
    );
  }

  const last = held.at(-1);
  const lastEnd = last ? (last.endAt ?? last.startAt + rules.assumedInterviewMinutes * 60000) : null;
  // Without an interview or a promise there is nothing to follow up on.
  if (lastEnd === null && !promised)
    return { state: "waiting", reminders, flags: yearsWithoutData(clock, reminders), promisedBy: promised };
  // A message from the company after the interview is an answer: the clock starts again from it.
  const answer = inbound.filter((m) => lastEnd !== null && m.at > lastEnd).at(-1)?.at ?? null;
  const anchor = Math.max(lastEnd ?? 0, answer ?? 0) || lastMessageAt;
  const anchorDate = localDate(clock, anchor);
  // The business day after the promise has passed; a promise already behind the latest answer no longer holds.
  const followUp1 =
    promised && promised >= anchorDate
      ? businessDaysLater(clock, atLocalTime(clock, promised, workStart), 1)
      : businessDaysLater(clock, anchor, rules.followUpWithoutPromiseBusinessDays);
  const sent = followUpsSent(input, anchor);
  const why1 = promised ? `decision promised by ${promised}` : "no promise: a week after";
  add("follow_up_1", null, followUp1, why1, true, sent[0] ?? null);
  let state: PlanState = last && last.startAt > now ? "scheduled" : "waiting";
  const lastThanks =
    reminders.find((r) => r.kind === "thank_you" && r.interviewId === last?.id)?.doneAt ?? null;
  if (last && last.startAt <= now && lastThanks === null) state = "interviewed";
  if (sent.length >= 1) {
    state = "followed_up_1";
    const followUp2 = nextBusinessMoment(clock, sent[0] + rules.secondFollowUpAfterDays * DAY);
    add("follow_up_2", null, followUp2, "no answer to the first follow-up", true, sent[1] ?? null);
  }
  if (sent.length >= 2) {
    state = "followed_up_2";
    add(
      "stop",
      null,
      nextBusinessMoment(clock, sent[1] + rules.stopAfterSecondFollowUpDays * DAY),
      "no answer twice",
    );
    if (sent[1] + rules.stopAfterSecondFollowUpDays * DAY <= now) state = "closed";
  }
  return { state, reminders, flags: yearsWithoutData(clock, reminders), promisedBy: promised };
}

/** A year the calendar has no holiday data for is planned with weekends only: say so. */
function yearsWithoutData(clock: BusinessClock, reminders: PlannedReminder[]): string[] {
  const knowsYear = (clock.calendar as { knowsYear?: (year: number) => boolean }).knowsYear;
  if (!knowsYear) return [];
  const years = new Set(reminders.map((r) => Number(localDate(clock, r.dueAt).slice(0, 4))));
  return [...years].filter((y) => !knowsYear(y)).map((y) => `no holiday data for ${y}: weekends only`);
}
