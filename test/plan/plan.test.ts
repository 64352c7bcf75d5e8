// Every row of RULES.md with concrete dates, and properties over random timelines.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PromiseRule } from "../../src/extract/types";
import { isoInZone } from "../../src/extract/zone";
import { businessClock, isBusinessMoment, localDate } from "../../src/plan/business-time";
import { personalCalendar } from "../../src/plan/calendar";
import { type PlanInput, type PlannedReminder, plan } from "../../src/plan/plan";
import { DEFAULT_RULES, type Rules } from "../../src/plan/rules";

const ZONE = "Asia/Jakarta";
const clock = businessClock(ZONE, personalCalendar([]), DEFAULT_RULES);
const at = (iso: string) => Date.parse(iso);

function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    status: "active",
    stage: null,
    respondBy: null,
    respondByRule: null,
    dueBy: null,
    interviews: [],
    messages: [],
    actions: [],
    ...over,
  };
}

const interview = (start: string, end: string | null = null, id = 1) => ({
  id,
  startAt: at(start),
  endAt: end ? at(end) : null,
  status: "scheduled" as const,
  stage: null,
});

function due(reminders: PlannedReminder[], kind: string): string | null {
  const r = reminders.find((x) => x.kind === kind);
  return r ? isoInZone(r.dueAt, ZONE) : null;
}

describe("the timeline of one application (RULES.md)", () => {
  const monday = interview("2025-11-24T10:00:00+07:00");

  it("plans prep, cancel-by and thank-you around an interview", () => {
    const { reminders, state } = plan(
      input({ interviews: [monday] }),
      DEFAULT_RULES,
      clock,
      at("2025-11-20T08:00:00+07:00"),
    );
    expect(state).toBe("scheduled");
    // the business day before, at the start of working hours
    expect(due(reminders, "prep")).toBe("2025-11-21T09:00:00+07:00");
    // start − 24 h is Sunday 10:00: moved earlier, to the last working minute of Friday
    expect(due(reminders, "cancel_by")).toBe("2025-11-21T16:59:00+07:00");
    // end unknown: 60 minutes; due 24 h after the end, whatever the day
    expect(due(reminders, "thank_you")).toBe("2025-11-25T11:00:00+07:00");
    expect(reminders.find((r) => r.kind === "thank_you")?.required).toBe(true);
  });

  it("makes the thank-you after a screening call optional", () => {
    const screening = { ...monday, stage: "screening" };
    const { reminders } = plan(
      input({ interviews: [screening] }),
      DEFAULT_RULES,
      clock,
      at("2025-11-20T08:00:00+07:00"),
    );
    expect(reminders.find((r) => r.kind === "thank_you")?.required).toBe(false);
    const strict: Rules = { ...DEFAULT_RULES, thankYouAfterScreening: "required" };
    expect(
      plan(input({ interviews: [screening] }), strict, clock, 0).reminders.find((r) => r.kind === "thank_you")
        ?.required,
    ).toBe(true);
  });

  it("follows up the business day after a promise passes: 'dalam 1 minggu setelah interview' → Tue 2 Dec 09:00", () => {
    const rule: PromiseRule = {
      from: "interview",
      fromDate: "2025-11-24",
      amount: 7,
      unit: "days",
      text: "dalam 1 minggu",
    };
    const { reminders } = plan(
      input({ interviews: [monday], respondBy: "2025-12-01", respondByRule: rule }),
      DEFAULT_RULES,
      clock,
      at("2025-11-25T08:00:00+07:00"),
    );
    expect(due(reminders, "follow_up_1")).toBe("2025-12-02T09:00:00+07:00");
  });

  it("recounts '3 hari kerja' after an interview on Tue 23 Dec 2025 skipping 25 and 26 Dec", () => {
    const rule: PromiseRule = {
      from: "interview",
      fromDate: "2025-12-23",
      amount: 3,
      unit: "business_days",
      text: "3 hari kerja",
    };
    const { reminders } = plan(
      input({
        interviews: [interview("2025-12-23T10:00:00+07:00")],
        respondBy: "2025-12-30",
        respondByRule: rule,
      }),
      DEFAULT_RULES,
      clock,
      at("2025-12-23T12:00:00+07:00"),
    );
    // 24, 29, 30 Dec → promise 30 Dec → follow-up Wed 31 Dec 09:00
    expect(due(reminders, "follow_up_1")).toBe("2025-12-31T09:00:00+07:00");
  });

  it("recounts a business-day promise with the person's own holidays", () => {
    const rule: PromiseRule = {
      from: "interview",
      fromDate: "2025-12-23",
      amount: 3,
      unit: "business_days",
      text: "3 hari kerja",
    };
    const own = personalCalendar([{ date: "2025-12-24", name: "cuti", change: "added" }]);
    const mine = businessClock(ZONE, own, DEFAULT_RULES);
    const { reminders } = plan(
      input({
        interviews: [interview("2025-12-23T10:00:00+07:00")],
        respondBy: "2025-12-30",
        respondByRule: rule,
      }),
      DEFAULT_RULES,
      mine,
      0,
    );
    // 29, 30, 31 Dec → promise 31 Dec; 1 Jan is a holiday → Fri 2 Jan 09:00
    expect(due(reminders, "follow_up_1")).toBe("2026-01-02T09:00:00+07:00");
  });

  it("follows up 7 business days after the interview when nothing was promised", () => {
    const { reminders } = plan(
      input({ interviews: [monday] }),
      DEFAULT_RULES,
      clock,
      at("2025-11-25T08:00:00+07:00"),
    );
    expect(due(reminders, "follow_up_1")).toBe("2025-12-03T09:00:00+07:00");
  });

  it("plans a second, gentler follow-up 14 days after the first was sent, then stops", () => {
    const sent1 = at("2025-12-03T10:30:00+07:00");
    const one = plan(
      input({
        interviews: [monday],
        actions: [{ kind: "follow_up_1", interviewId: null, action: "done", at: sent1 }],
      }),
      DEFAULT_RULES,
      clock,
      at("2025-12-04T08:00:00+07:00"),
    );
    expect(one.state).toBe("followed_up_1");
    expect(due(one.reminders, "follow_up_2")).toBe("2025-12-17T10:30:00+07:00");
    const sent2 = at("2025-12-17T11:00:00+07:00");
    const two = plan(
      input({
        interviews: [monday],
        actions: [
          { kind: "follow_up_1", interviewId: null, action: "done", at: sent1 },
          { kind: "follow_up_2", interviewId: null, action: "done", at: sent2 },
        ],
      }),
      DEFAULT_RULES,
      clock,
      at("2026-01-05T08:00:00+07:00"),
    );
    expect(two.state).toBe("closed");
    expect(due(two.reminders, "stop")).toBe("2025-12-31T11:00:00+07:00");
    expect(two.reminders.filter((r) => r.kind.startsWith("follow_up"))).toHaveLength(2);
  });

  it("counts a follow-up the person sent by Bcc", () => {
    const { reminders, state } = plan(
      input({
        interviews: [monday],
        messages: [{ at: at("2025-12-03T10:30:00+07:00"), direction: "outbound", kind: "follow_up" }],
      }),
      DEFAULT_RULES,
      clock,
      at("2025-12-04T08:00:00+07:00"),
    );
    expect(state).toBe("followed_up_1");
    expect(reminders.find((r) => r.kind === "follow_up_1")?.doneAt).toBe(at("2025-12-03T10:30:00+07:00"));
  });

  it("marks the thank-you done when the person's own thank-you was seen", () => {
    const { reminders } = plan(
      input({
        interviews: [monday],
        messages: [{ at: at("2025-11-24T17:00:00+07:00"), direction: "outbound", kind: "thank_you" }],
      }),
      DEFAULT_RULES,
      clock,
      at("2025-11-25T08:00:00+07:00"),
    );
    expect(reminders.find((r) => r.kind === "thank_you")?.doneAt).toBe(at("2025-11-24T17:00:00+07:00"));
  });

  it("starts the clock again when the company answers", () => {
    const { reminders } = plan(
      input({
        interviews: [monday],
        messages: [{ at: at("2025-12-05T14:00:00+07:00"), direction: "inbound", kind: "other" }],
      }),
      DEFAULT_RULES,
      clock,
      at("2025-12-05T15:00:00+07:00"),
    );
    // 7 business days after Fri 5 Dec: 8, 9, 10, 11, 12, 15, 16 → Tue 16 Dec 09:00
    expect(due(reminders, "follow_up_1")).toBe("2025-12-16T09:00:00+07:00");
  });

  it("stops at once on a rejection, with nothing else due", () => {
    const { reminders, state } = plan(
      input({
        status: "rejected",
        interviews: [monday],
        messages: [{ at: at("2025-11-28T16:00:00+07:00"), direction: "inbound", kind: "rejection" }],
      }),
      DEFAULT_RULES,
      clock,
      at("2025-11-28T17:00:00+07:00"),
    );
    expect(state).toBe("closed");
    expect(reminders.map((r) => r.kind)).toEqual(["stop"]);
    expect(due(reminders, "stop")).toBe("2025-11-28T16:00:00+07:00");
  });

  it("stops on a deferral that names no date, and waits for one that does", () => {
    const msg = { at: at("2025-12-01T18:00:00+07:00"), direction: "inbound" as const, kind: "deferral" };
    const vague = plan(
      input({ status: "deferred", interviews: [monday], messages: [msg] }),
      DEFAULT_RULES,
      clock,
      msg.at,
    );
    expect(vague.reminders.map((r) => r.kind)).toEqual(["stop"]);
    expect(due(vague.reminders, "stop")).toBe("2025-12-02T09:00:00+07:00");
    const dated = plan(
      input({ status: "deferred", interviews: [monday], messages: [msg], respondBy: "2025-12-12" }),
      DEFAULT_RULES,
      clock,
      msg.at,
    );
    expect(due(dated.reminders, "follow_up_1")).toBe("2025-12-15T09:00:00+07:00");
  });

  it("plans no follow-up after an offer, only its acceptance deadline", () => {
    const { reminders, state } = plan(
      input({ status: "offer", interviews: [monday], dueBy: "2025-12-10" }),
      DEFAULT_RULES,
      clock,
      0,
    );
    expect(state).toBe("closed");
    expect(reminders.map((r) => [r.kind, isoInZone(r.dueAt, ZONE)])).toEqual([
      ["deadline", "2025-12-09T09:00:00+07:00"],
    ]);
  });

  it("plans nothing for a cancelled interview, and nothing at all once stopped", () => {
    const cancelled = { ...monday, status: "cancelled" as const };
    expect(plan(input({ interviews: [cancelled] }), DEFAULT_RULES, clock, 0).reminders).toEqual([]);
    expect(
      plan(input({ status: "stopped", interviews: [monday] }), DEFAULT_RULES, clock, 0).reminders,
    ).toEqual([]);
  });

  it("moves a snoozed step to the next business moment after the snooze", () => {
    const { reminders } = plan(
      input({
        interviews: [monday],
        actions: [
          {
            kind: "follow_up_1",
            interviewId: null,
            action: "snoozed",
            at: 0,
            until: at("2025-12-06T08:00:00+07:00"),
          },
        ],
      }),
      DEFAULT_RULES,
      clock,
      0,
    );
    // 3 Dec was due; snoozed until Saturday 6 Dec → Monday 8 Dec 09:00
    expect(due(reminders, "follow_up_1")).toBe("2025-12-08T09:00:00+07:00");
  });

  it("flags a year without holiday data", () => {
    const { flags } = plan(
      input({ interviews: [interview("2031-03-10T10:00:00+07:00")] }),
      DEFAULT_RULES,
      clock,
      0,
    );
    expect(flags).toEqual(["no holiday data for 2031: weekends only"]);
  });
});

const ZONES = [
  "Asia/Jakarta",
  "Asia/Makassar",
  "Asia/Jayapura",
  "America/New_York",
  "Europe/London",
  "Australia/Sydney",
];

const timeline = fc.record({
  zone: fc.constantFrom(...ZONES),
  workStart: fc.integer({ min: 7, max: 10 }),
  workEnd: fc.integer({ min: 15, max: 19 }),
  own: fc.array(fc.date({ min: new Date("2025-01-01"), max: new Date("2027-12-31"), noInvalidDate: true }), {
    maxLength: 8,
  }),
  starts: fc.array(fc.integer({ min: Date.parse("2025-01-05"), max: Date.parse("2027-11-30") }), {
    minLength: 1,
    maxLength: 3,
  }),
  promiseDays: fc.option(fc.integer({ min: 1, max: 20 })),
  sends: fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 3 }),
  status: fc.constantFrom("active", "active", "active", "rejected", "deferred", "stopped", "offer" as const),
});

describe("properties over random timelines", () => {
  it("never plans a follow-up outside working hours, a cancel-by too late, or more than two follow-ups", () => {
    fc.assert(
      fc.property(timeline, (t) => {
        const rules: Rules = {
          ...DEFAULT_RULES,
          workStart: `${String(t.workStart).padStart(2, "0")}:00`,
          workEnd: `${t.workEnd}:00`,
        };
        const calendar = personalCalendar(
          t.own.map((d) => ({ date: d.toISOString().slice(0, 10), name: "own", change: "added" as const })),
        );
        const c = businessClock(t.zone, calendar, rules);
        const interviews = t.starts.map((s, i) => ({
          id: i + 1,
          startAt: s,
          endAt: null,
          status: "scheduled" as const,
          stage: null,
        }));
        const last = Math.max(...t.starts);
        const promised = t.promiseDays === null ? null : localDate(c, last + t.promiseDays * 86400000);
        const actions = t.sends.slice(0, 2).map((d, i) => ({
          kind: i === 0 ? ("follow_up_1" as const) : ("follow_up_2" as const),
          interviewId: null,
          action: "done" as const,
          at: last + 3600000 * 2 + d * 86400000 * (i + 1),
        }));
        const p = plan(
          input({ status: t.status as PlanInput["status"], interviews, respondBy: promised, actions }),
          rules,
          c,
          last,
        );
        const followUps = p.reminders.filter((r) => r.kind === "follow_up_1" || r.kind === "follow_up_2");
        expect(followUps.length).toBeLessThanOrEqual(2);
        for (const r of p.reminders) {
          if (
            r.kind === "follow_up_1" ||
            r.kind === "follow_up_2" ||
            r.kind === "cancel_by" ||
            r.kind === "prep"
          ) {
            expect(isBusinessMoment(c, r.dueAt), `${r.kind} at ${isoInZone(r.dueAt, t.zone)}`).toBe(true);
          }
          if (r.kind === "cancel_by") {
            const iv = interviews.find((i) => i.id === r.interviewId);
            expect(r.dueAt).toBeLessThanOrEqual((iv?.startAt ?? 0) - rules.cancelNoticeHours * 3600000);
          }
          if (r.kind === "follow_up_1" && promised) expect(localDate(c, r.dueAt) > promised).toBe(true);
        }
        if (t.status === "rejected" || t.status === "stopped") {
          expect(p.reminders.filter((r) => r.kind !== "stop")).toEqual([]);
        }
        expect(
          plan(
            input({ status: t.status as PlanInput["status"], interviews, respondBy: promised, actions }),
            rules,
            c,
            last,
          ),
        ).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });
});
