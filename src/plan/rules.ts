/**
 * The follow-up etiquette of RULES.md as settings: every number there is a rule with a default, stored per account
 * as JSON and validated here, so the planner only ever sees values it can plan with.
 */
import * as z from "zod/mini";

export type Rules = {
  /** Start of working hours, "HH:MM" (24 h) in the account's zone. */
  workStart: string;
  /** End of working hours, "HH:MM"; must be after workStart. */
  workEnd: string;
  thankYouWithinHours: number;
  thankYouAfterScreening: "optional" | "required";
  cancelNoticeHours: number;
  followUpWithoutPromiseBusinessDays: number;
  secondFollowUpAfterDays: number;
  /** No answer this long after follow-up 2 → stop. */
  stopAfterSecondFollowUpDays: number;
  assumedInterviewMinutes: number;
  prepBusinessDaysBefore: number;
  cutiBersamaAreHolidays: boolean;
  digestTime: string;
  /** A short mail with the thank-you draft the same day, an hour after the interview ends. */
  thankYouNudge: boolean;
  /** Send the digest even on a day with nothing to say. */
  digestWhenEmpty: boolean;
};

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an "HH:MM" time (00:00–23:59), or undefined when it is not one. */
export function timeToMinutes(time: string): number | undefined {
  const match = TIME_PATTERN.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

function time(fallback: string) {
  return z._default(
    z
      .string("must be a time HH:MM")
      .check(z.regex(TIME_PATTERN, "must be a time HH:MM between 00:00 and 23:59")),
    fallback,
  );
}

// Whole numbers only: "1.5 business days" has no meaning, and a setting page offers steps of one.
function count(unit: string, min: number, max: number, fallback: number) {
  const message = `must be a whole number of ${unit} from ${min} to ${max}`;
  return z._default(z.int(message).check(z.gte(min, message), z.lte(max, message)), fallback);
}

const hours = (fallback: number) => count("hours", 1, 168, fallback);
const days = (unit: string, fallback: number) => count(unit, 1, 90, fallback);

export const RulesSchema = z
  .object({
    workStart: time("09:00"),
    workEnd: time("17:00"),
    thankYouWithinHours: hours(24),
    thankYouAfterScreening: z._default(
      z.enum(["optional", "required"], 'must be "optional" or "required"'),
      "optional",
    ),
    cancelNoticeHours: hours(24),
    followUpWithoutPromiseBusinessDays: days("business days", 7),
    secondFollowUpAfterDays: days("days", 14),
    stopAfterSecondFollowUpDays: days("days", 14),
    assumedInterviewMinutes: count("minutes", 5, 600, 60),
    prepBusinessDaysBefore: days("business days", 1),
    cutiBersamaAreHolidays: z._default(z.boolean("must be true or false"), true),
    digestTime: time("07:00"),
    thankYouNudge: z._default(z.boolean("must be true or false"), true),
    digestWhenEmpty: z._default(z.boolean("must be true or false"), false),
  })
  .check(
    z.refine(
      (rules) => {
        const start = timeToMinutes(rules.workStart);
        const end = timeToMinutes(rules.workEnd);
        // A malformed time already has its own error; comparing it would add a confusing second one.
        return start === undefined || end === undefined || end > start;
      },
      {
        // Name both: one of them may be a default the person never saw.
        error: (issue) => {
          const { workStart, workEnd } = issue.input as Rules;
          return `must be after workStart (workStart ${workStart}, workEnd ${workEnd})`;
        },
        path: ["workEnd"],
        // Also when another field is wrong (zod skips the check then by default): the form shows every
        // error at once, rather than the order only after the rest was fixed.
        when: (payload) => {
          const rules = payload.value as Partial<Record<keyof Rules, unknown>> | null;
          return (
            typeof rules === "object" &&
            rules !== null &&
            typeof rules.workStart === "string" &&
            typeof rules.workEnd === "string"
          );
        },
      },
    ),
  );

// The schema and the hand-written type must describe the same thing; this fails to compile when they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<z.output<typeof RulesSchema>, Rules> = true;
void schemaMatchesType;

/** Frozen: it is shared by every account without stored rules, so a mutation would leak between them. */
export const DEFAULT_RULES: Rules = Object.freeze(RulesSchema.parse({}));

function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * Stored JSON (possibly old, partial or nonsense) → valid rules: unknown keys dropped, missing ones defaulted;
 * invalid values are errors, one readable line per field, e.g. `workEnd: must be after workStart, got "08:00"`.
 */
export function parseRules(input: unknown): { ok: true; rules: Rules } | { ok: false; errors: string[] } {
  // Nothing stored yet means every default.
  if (input === undefined || input === null) return { ok: true, rules: { ...DEFAULT_RULES } };
  let value = input;
  if (typeof value === "string") {
    // The column is JSON text; accept it unparsed too, so a caller holding the raw text gets the same answer.
    try {
      value = JSON.parse(value);
    } catch {
      return { ok: false, errors: ["rules: not valid JSON"] };
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, errors: [`rules: must be a JSON object, got ${shown(value)}`] };
  }
  const result = RulesSchema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, rules: result.data };
  const errors = new Map<string, string>();
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".") || "rules";
    // One line per field: a huge number trips both the safe-integer and the range check.
    if (errors.has(field)) continue;
    // The order check already names both times.
    const given = issue.code !== "custom" && field in value;
    const got = given ? `, got ${shown((value as Record<string, unknown>)[field])}` : "";
    errors.set(field, `${field}: ${issue.message}${got}`);
  }
  return { ok: false, errors: [...errors.values()] };
}
