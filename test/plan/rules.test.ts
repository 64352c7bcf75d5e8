// The rules of RULES.md as stored settings: defaults, partial and old JSON, and nonsense refused readably.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES, parseRules, type Rules, RulesSchema, timeToMinutes } from "../../src/plan/rules";

const EXPECTED_DEFAULTS: Rules = {
  workStart: "09:00",
  workEnd: "17:00",
  thankYouWithinHours: 24,
  thankYouAfterScreening: "optional",
  cancelNoticeHours: 24,
  followUpWithoutPromiseBusinessDays: 7,
  secondFollowUpAfterDays: 14,
  stopAfterSecondFollowUpDays: 14,
  assumedInterviewMinutes: 60,
  prepBusinessDaysBefore: 1,
  cutiBersamaAreHolidays: true,
  digestTime: "07:00",
  thankYouNudge: true,
  digestWhenEmpty: false,
};

function errorsOf(input: unknown): string[] {
  const result = parseRules(input);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.rules)}`);
  return result.errors;
}

function rulesOf(input: unknown): Rules {
  const result = parseRules(input);
  if (!result.ok) throw new Error(`expected rules, got ${result.errors.join("; ")}`);
  return result.rules;
}

describe("defaults", () => {
  it("are the numbers of RULES.md", () => {
    expect(DEFAULT_RULES).toEqual(EXPECTED_DEFAULTS);
    expect(RulesSchema.parse({})).toEqual(EXPECTED_DEFAULTS);
  });

  it.each([
    ["an empty object", {}],
    ["null (nothing stored)", null],
    ["undefined", undefined],
    ["empty JSON text", "{}"],
  ])("fill %s", (_label, input) => {
    expect(rulesOf(input)).toEqual(EXPECTED_DEFAULTS);
  });

  it("cannot be changed through the shared object", () => {
    expect(Object.isFrozen(DEFAULT_RULES)).toBe(true);
    expect(() => {
      (DEFAULT_RULES as { workStart: string }).workStart = "06:00";
    }).toThrow(TypeError);
    expect(DEFAULT_RULES.workStart).toBe("09:00");
  });

  it("hand out a copy the caller may change", () => {
    const rules = rulesOf(null);
    rules.workStart = "08:00";
    expect(DEFAULT_RULES.workStart).toBe("09:00");
    expect(rulesOf({}).workStart).toBe("09:00");
  });
});

describe("stored JSON", () => {
  it("keeps what is set and defaults the rest", () => {
    expect(rulesOf({ workStart: "08:30", cancelNoticeHours: 48, cutiBersamaAreHolidays: false })).toEqual({
      ...EXPECTED_DEFAULTS,
      workStart: "08:30",
      cancelNoticeHours: 48,
      cutiBersamaAreHolidays: false,
    });
  });

  it("accepts the JSON text of the column", () => {
    expect(rulesOf('{"thankYouAfterScreening":"required","digestTime":"06:15"}')).toEqual({
      ...EXPECTED_DEFAULTS,
      thankYouAfterScreening: "required",
      digestTime: "06:15",
    });
  });

  it("drops keys it does not know, such as those of an older version", () => {
    const rules = rulesOf({ workEnd: "18:00", followUpAfterDays: 5, __proto__x: 1, nested: { a: 1 } });
    expect(rules).toEqual({ ...EXPECTED_DEFAULTS, workEnd: "18:00" });
    expect(Object.keys(rules).sort()).toEqual(Object.keys(EXPECTED_DEFAULTS).sort());
  });

  it("round-trips through JSON", () => {
    const custom: Rules = { ...EXPECTED_DEFAULTS, workStart: "07:45", secondFollowUpAfterDays: 21 };
    expect(rulesOf(JSON.parse(JSON.stringify(custom)))).toEqual(custom);
  });

  it.each([
    ["workStart", "00:00"],
    ["workEnd", "23:59"],
    ["thankYouWithinHours", 1],
    ["thankYouWithinHours", 168],
    ["cancelNoticeHours", 168],
    ["followUpWithoutPromiseBusinessDays", 1],
    ["followUpWithoutPromiseBusinessDays", 90],
    ["stopAfterSecondFollowUpDays", 90],
    ["assumedInterviewMinutes", 5],
    ["assumedInterviewMinutes", 600],
    ["prepBusinessDaysBefore", 90],
    ["digestTime", "23:59"],
  ])("accepts the bound %s = %j", (field, value) => {
    expect(rulesOf({ [field]: value })[field as keyof Rules]).toBe(value);
  });
});

describe("nonsense", () => {
  it.each([
    [{ workStart: "18:00" }, "workEnd: must be after workStart (workStart 18:00, workEnd 17:00)"],
    [
      { workStart: "10:00", workEnd: "09:00" },
      "workEnd: must be after workStart (workStart 10:00, workEnd 09:00)",
    ],
    [
      { workStart: "09:00", workEnd: "09:00" },
      "workEnd: must be after workStart (workStart 09:00, workEnd 09:00)",
    ],
    [{ workStart: "25:00" }, 'workStart: must be a time HH:MM between 00:00 and 23:59, got "25:00"'],
    [{ workEnd: "24:00" }, 'workEnd: must be a time HH:MM between 00:00 and 23:59, got "24:00"'],
    [{ digestTime: "7:00" }, 'digestTime: must be a time HH:MM between 00:00 and 23:59, got "7:00"'],
    [{ digestTime: "07:60" }, 'digestTime: must be a time HH:MM between 00:00 and 23:59, got "07:60"'],
    [{ digestTime: "07:00 " }, 'digestTime: must be a time HH:MM between 00:00 and 23:59, got "07:00 "'],
    [{ digestTime: 700 }, "digestTime: must be a time HH:MM, got 700"],
    [
      { thankYouWithinHours: -24 },
      "thankYouWithinHours: must be a whole number of hours from 1 to 168, got -24",
    ],
    [{ thankYouWithinHours: 0 }, "thankYouWithinHours: must be a whole number of hours from 1 to 168, got 0"],
    [{ cancelNoticeHours: 169 }, "cancelNoticeHours: must be a whole number of hours from 1 to 168, got 169"],
    [
      { cancelNoticeHours: "24" },
      'cancelNoticeHours: must be a whole number of hours from 1 to 168, got "24"',
    ],
    [{ cancelNoticeHours: 1.5 }, "cancelNoticeHours: must be a whole number of hours from 1 to 168, got 1.5"],
    [
      { cancelNoticeHours: 1e300 },
      "cancelNoticeHours: must be a whole number of hours from 1 to 168, got 1e+300",
    ],
    [
      { cancelNoticeHours: null },
      "cancelNoticeHours: must be a whole number of hours from 1 to 168, got null",
    ],
    [
      { followUpWithoutPromiseBusinessDays: 91 },
      "followUpWithoutPromiseBusinessDays: must be a whole number of business days from 1 to 90, got 91",
    ],
    [
      { secondFollowUpAfterDays: -14 },
      "secondFollowUpAfterDays: must be a whole number of days from 1 to 90, got -14",
    ],
    [
      { stopAfterSecondFollowUpDays: "two weeks" },
      'stopAfterSecondFollowUpDays: must be a whole number of days from 1 to 90, got "two weeks"',
    ],
    [
      { assumedInterviewMinutes: 4 },
      "assumedInterviewMinutes: must be a whole number of minutes from 5 to 600, got 4",
    ],
    [
      { assumedInterviewMinutes: 601 },
      "assumedInterviewMinutes: must be a whole number of minutes from 5 to 600, got 601",
    ],
    [
      { prepBusinessDaysBefore: 0 },
      "prepBusinessDaysBefore: must be a whole number of business days from 1 to 90, got 0",
    ],
    [{ cutiBersamaAreHolidays: "false" }, 'cutiBersamaAreHolidays: must be true or false, got "false"'],
    [{ cutiBersamaAreHolidays: 0 }, "cutiBersamaAreHolidays: must be true or false, got 0"],
    [{ thankYouNudge: "yes" }, 'thankYouNudge: must be true or false, got "yes"'],
    [
      { thankYouAfterScreening: "never" },
      'thankYouAfterScreening: must be "optional" or "required", got "never"',
    ],
  ])("%j is refused: %s", (input, message) => {
    expect(errorsOf(input)).toEqual([message]);
  });

  it("reports every bad field at once, one line each", () => {
    const errors = errorsOf({ workStart: "25:00", cancelNoticeHours: -1, digestTime: "x", junk: true });
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^workStart: /);
    expect(errors[1]).toMatch(/^cancelNoticeHours: /);
    expect(errors[2]).toMatch(/^digestTime: /);
  });

  it("reports the order of the working hours alongside another field's error", () => {
    expect(errorsOf({ workStart: "10:00", workEnd: "08:30", thankYouWithinHours: "dua" })).toEqual([
      'thankYouWithinHours: must be a whole number of hours from 1 to 168, got "dua"',
      "workEnd: must be after workStart (workStart 10:00, workEnd 08:30)",
    ]);
  });

  it("does not add an order error on top of a malformed time", () => {
    expect(errorsOf({ workStart: "9am", workEnd: "08:00" })).toEqual([
      'workStart: must be a time HH:MM between 00:00 and 23:59, got "9am"',
    ]);
  });

  it.each([
    [[], "rules: must be a JSON object, got []"],
    [42, "rules: must be a JSON object, got 42"],
    [true, "rules: must be a JSON object, got true"],
    ["[1,2]", "rules: must be a JSON object, got [1,2]"],
    ["{not json", "rules: not valid JSON"],
  ])("refuses %j as a whole", (input, message) => {
    expect(errorsOf(input)).toEqual([message]);
  });

  it("shortens a long value in the message", () => {
    const [error] = errorsOf({ workStart: "x".repeat(500) });
    expect(error.length).toBeLessThan(120);
    expect(error).toMatch(/^workStart: .*\.\.\.$/);
  });
});

describe("timeToMinutes", () => {
  it.each([
    ["00:00", 0],
    ["09:00", 540],
    ["17:00", 1020],
    ["23:59", 1439],
    ["24:00", undefined],
    ["9:00", undefined],
    ["09:5", undefined],
    ["", undefined],
  ])("%j → %s", (time, minutes) => {
    expect(timeToMinutes(time)).toBe(minutes);
  });
});

describe("properties", () => {
  const time = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
  const validRules: fc.Arbitrary<Rules> = fc
    .record({
      times: fc.uniqueArray(time, { minLength: 2, maxLength: 2 }).map((pair) => pair.sort()),
      thankYouWithinHours: fc.integer({ min: 1, max: 168 }),
      thankYouAfterScreening: fc.constantFrom("optional" as const, "required" as const),
      cancelNoticeHours: fc.integer({ min: 1, max: 168 }),
      followUpWithoutPromiseBusinessDays: fc.integer({ min: 1, max: 90 }),
      secondFollowUpAfterDays: fc.integer({ min: 1, max: 90 }),
      stopAfterSecondFollowUpDays: fc.integer({ min: 1, max: 90 }),
      assumedInterviewMinutes: fc.integer({ min: 5, max: 600 }),
      prepBusinessDaysBefore: fc.integer({ min: 1, max: 90 }),
      cutiBersamaAreHolidays: fc.boolean(),
      digestTime: time,
      thankYouNudge: fc.boolean(),
      digestWhenEmpty: fc.boolean(),
    })
    .map(({ times: [workStart, workEnd], ...rest }) => ({ workStart, workEnd, ...rest }));

  it("valid rules come back unchanged, from an object or from JSON text", () => {
    fc.assert(
      fc.property(validRules, (rules) => {
        expect(rulesOf(rules)).toEqual(rules);
        expect(rulesOf(JSON.stringify(rules))).toEqual(rules);
      }),
    );
  });

  it("any subset of valid rules is completed with the defaults", () => {
    fc.assert(
      fc.property(validRules, fc.subarray(Object.keys(EXPECTED_DEFAULTS)), (rules, keys) => {
        const partial = Object.fromEntries(keys.map((key) => [key, rules[key as keyof Rules]]));
        const result = parseRules(partial);
        // Only the order of the working hours can go wrong when one of them comes from the defaults.
        if (!result.ok) {
          expect(result.errors).toEqual(
            ["workEnd: must be after workStart"].map((e) => expect.stringContaining(e)),
          );
          return;
        }
        for (const key of Object.keys(EXPECTED_DEFAULTS) as (keyof Rules)[]) {
          expect(result.rules[key]).toBe(keys.includes(key) ? rules[key] : EXPECTED_DEFAULTS[key]);
        }
      }),
    );
  });

  it("anything at all gives valid rules or readable errors, never a throw", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.dictionary(fc.constantFrom(...Object.keys(EXPECTED_DEFAULTS), "other"), fc.jsonValue()),
        ),
        (input) => {
          const result = parseRules(input);
          if (result.ok) {
            const { workStart, workEnd } = result.rules;
            expect(RulesSchema.safeParse(result.rules).success).toBe(true);
            expect(timeToMinutes(workEnd)).toBeGreaterThan(
              timeToMinutes(workStart) ?? Number.POSITIVE_INFINITY,
            );
          } else {
            expect(result.errors.length).toBeGreaterThan(0);
            for (const error of result.errors) expect(error).toMatch(/^[A-Za-z]+: \S/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
