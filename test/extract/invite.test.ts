/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { findMeetingUrl, readInvites } from "../../src/extract/invite";
import type { Invite } from "../../src/extract/types";
import allDay from "../fixtures/ics/all-day.ics?raw";
import cancelPerth from "../fixtures/ics/cancel-perth.ics?raw";
import customZone from "../fixtures/ics/custom-zone-rules.ics?raw";
import durationJakarta from "../fixtures/ics/duration-jakarta.ics?raw";
import en03 from "../fixtures/ics/en03-google-zoom-new-york.ics?raw";
import en09 from "../fixtures/ics/en09-zoom-export-stray-tzid.ics?raw";
import en13 from "../fixtures/ics/en13-google-updated-sydney.ics?raw";
import en15 from "../fixtures/ics/en15-outlook-cancel-eastern.ics?raw";
import floating from "../fixtures/ics/floating.ics?raw";
import googleMeetUtc from "../fixtures/ics/google-meet-utc.ics?raw";
import makassar from "../fixtures/ics/makassar-wita.ics?raw";
import outlookSeAsia from "../fixtures/ics/outlook-request-se-asia.ics?raw";
import bangkokLabel from "../fixtures/ics/outlook-teams-bangkok-label.ics?raw";
import twoEvents from "../fixtures/ics/two-events.ics?raw";

const EN15_TEAMS =
  "https://teams.microsoft.com/l/meetup-join/19%3ameeting_YWRmYjIyYmUtN2RiOS00ZTFlLWIyZWUtOWI3ODUzYWEyZmY5%40thread.v2/0?context=%7b%22Tid%22%3a%227488c457-23f6-4901-9fa7-672f7b687a6e%22%2c%22Oid%22%3a%22a790a9bc-6b6b-4f8e-92a6-929ada6c82f1%22%7d";
const SE_ASIA_TEAMS =
  "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NTdiYjM4ZDUtZjQ2Ni00NGJmLWE3OTMtYzM1ZjBkNWFiMjIz%40thread.v2/0?context=%7b%22Tid%22%3a%2211111111-2222-3333-4444-555555555555%22%7d";

/** A calendar around one VEVENT made of `lines`. */
function vevent(lines: string[], calendar: string[] = []): string {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    ...calendar,
    "BEGIN:VEVENT",
    ...lines,
    "END:VEVENT",
    "END:VCALENDAR",
  ].join("\r\n");
}

interface FileCase {
  name: string;
  ics: string;
  zone: string;
  expected: Partial<Invite>[];
}

const files: FileCase[] = [
  {
    name: "en03 Google invite, Zoom in LOCATION, New York the day after DST ends",
    ics: en03,
    zone: "Asia/Jakarta",
    expected: [
      {
        method: "REQUEST",
        sequence: 0,
        status: "CONFIRMED",
        summary: "Brightline Analytics | Data Engineer II – Technical Screen (Dimas Pratama)",
        location: "https://brightline.zoom.us/j/86243109775?pwd=Y0h3cWtNRmFzUlB1ZEFqT3ZrSnBXQT09",
        start: "2025-11-03T09:30:00-05:00",
        end: "2025-11-03T10:30:00-05:00",
        zone: "America/New_York",
        meetingUrl: "https://brightline.zoom.us/j/86243109775?pwd=Y0h3cWtNRmFzUlB1ZEFqT3ZrSnBXQT09",
        organizer: { name: "Jason Miller", address: "jason.miller@brightlineanalytics.com" },
        attendees: [
          { name: "Jason Miller", address: "jason.miller@brightlineanalytics.com" },
          { name: "Rachel Goldberg", address: "rachel.goldberg@brightlineanalytics.com" },
          // Google writes the address as CN when it knows no name.
          { name: "", address: "dimas.pratama@gmail.com" },
        ],
        uid: "gfedbdgheajbcedecbhdccbcge@google.com",
      },
    ],
  },
  {
    name: "en09 Zoom export (PUBLISH, stray TZID line inside the VEVENT)",
    ics: en09,
    zone: "Asia/Jakarta",
    expected: [
      {
        method: "PUBLISH",
        sequence: 0,
        status: null,
        summary: "Quillstone – Senior Frontend Engineer interview (Hannah Brooks / Dimas Pratama)",
        start: "2025-11-25T10:00:00-05:00",
        end: "2025-11-25T11:00:00-05:00",
        zone: "America/New_York",
        meetingUrl: "https://quillstone.zoom.us/j/81566203394?pwd=aXJ0bE5QcnZzWm1kT0l1b2V3cUJjZz09",
        organizer: null,
        attendees: [],
        uid: "20251119T144211Z-81566203394@fe80:0:0:0:c4a:2bff:fe71:9e1eens5",
      },
    ],
  },
  {
    name: "en09 with CRLF line ends",
    ics: en09.replace(/\r?\n/g, "\r\n"),
    zone: "Asia/Jakarta",
    expected: [{ start: "2025-11-25T10:00:00-05:00", end: "2025-11-25T11:00:00-05:00" }],
  },
  {
    name: "en13 Google updated invitation, SEQUENCE:1, Sydney summer time, Meet in X-GOOGLE-CONFERENCE",
    ics: en13,
    zone: "Asia/Jakarta",
    expected: [
      {
        method: "REQUEST",
        sequence: 1,
        location: null,
        start: "2025-12-11T13:00:00+11:00",
        end: "2025-12-11T14:00:00+11:00",
        zone: "Australia/Sydney",
        meetingUrl: "https://meet.google.com/cwa-jzrn-bqe",
        organizer: { name: "Jess Walker", address: "jess.walker@wattleandco.com.au" },
      },
    ],
  },
  {
    name: "en15 Outlook CANCEL, Windows zone with its VTIMEZONE, Teams link in an X- property",
    ics: en15,
    zone: "Asia/Jakarta",
    expected: [
      {
        method: "CANCEL",
        sequence: 1,
        status: "CANCELLED",
        summary: "Canceled: Technical Interview – Backend Engineer (Go) – Dimas Pratama",
        location: "Microsoft Teams Meeting",
        start: "2025-12-09T14:00:00-05:00",
        end: "2025-12-09T15:00:00-05:00",
        zone: "America/New_York",
        meetingUrl: EN15_TEAMS,
        organizer: { name: "Kayla Morgan", address: "kayla.morgan@tidewatersys.com" },
        attendees: [
          { name: "Dimas Pratama", address: "dimas.pratama@gmail.com" },
          { name: "Priyanka Shah", address: "priyanka.shah@tidewatersys.com" },
        ],
        uid: "040000008200E00074C5B7101A82E008000000003C0CD115B0BA39ED0000000000000000100000022D602712B787B25552EF224598482921",
      },
    ],
  },
  {
    name: "en15 without its VTIMEZONE: the Windows name alone",
    ics: en15.replace(/BEGIN:VTIMEZONE[\s\S]*END:VTIMEZONE\r?\n/, ""),
    zone: "Asia/Jakarta",
    expected: [{ start: "2025-12-09T14:00:00-05:00", zone: "America/New_York" }],
  },
  {
    name: "Outlook REQUEST, SE Asia Standard Time without VTIMEZONE, person in Jakarta",
    ics: outlookSeAsia,
    zone: "Asia/Jakarta",
    expected: [
      {
        method: "REQUEST",
        sequence: 0,
        status: "CONFIRMED",
        summary: "Interview User - Backend Engineer (Budi Santoso)",
        start: "2025-12-04T10:00:00+07:00",
        end: "2025-12-04T11:00:00+07:00",
        zone: "Asia/Jakarta",
        meetingUrl: SE_ASIA_TEAMS,
        // Addresses are lower-cased so that organizer and attendees compare.
        organizer: { name: "Sari Wulandari", address: "sari.wulandari@nusantara-fintech.co.id" },
        // The meeting room (CUTYPE=ROOM) is not a person.
        attendees: [
          { name: "Budi Santoso", address: "budi.santoso@gmail.com" },
          { name: "Hendra Gunawan, M.Kom", address: "hendra.gunawan@nusantara-fintech.co.id" },
        ],
        uid: "040000008200E00074C5B7101A82E00800000000A1B2C3D4E5F6A7B800000000000000001000000011223344556677889900AABBCCDDEEFF",
      },
    ],
  },
  {
    name: "SE Asia Standard Time for a person in Makassar: CLDR's first zone",
    ics: outlookSeAsia,
    zone: "Asia/Makassar",
    expected: [{ start: "2025-12-04T10:00:00+07:00", zone: "Asia/Bangkok" }],
  },
  {
    name: "Outlook with Teams link only in DESCRIPTION, display-name TZID with its VTIMEZONE",
    ics: bangkokLabel,
    zone: "Asia/Jakarta",
    expected: [
      {
        summary: "Panel Interview – Product Designer",
        start: "2025-11-26T14:00:00+07:00",
        end: "2025-11-26T15:00:00+07:00",
        zone: "Asia/Jakarta",
        meetingUrl: "https://teams.microsoft.com/meet/2345678901234?p=AbCdEfGhIjKl",
        organizer: { name: "Maya Putri", address: "maya.putri@lintasarta-digital.com" },
      },
    ],
  },
  {
    name: "display-name TZID for a person in London: the first city that fits",
    ics: bangkokLabel,
    zone: "Europe/London",
    expected: [{ start: "2025-11-26T14:00:00+07:00", zone: "Asia/Bangkok" }],
  },
  {
    name: "WITA: Asia/Makassar without VTIMEZONE, Zoom link after maps and docs links",
    ics: makassar,
    zone: "Asia/Jakarta",
    expected: [
      {
        start: "2025-12-10T09:00:00+08:00",
        end: "2025-12-10T10:00:00+08:00",
        zone: "Asia/Makassar",
        location: "Jl. Jend. Sudirman No. 12, Makassar (https://maps.app.goo.gl/abc123) / online",
        meetingUrl: "https://celebes.zoom.us/j/83456789012?pwd=Qm5aRkZ2Y3RXc0hLd1VvTnB3T2lzUT09",
        attendees: [{ name: "Rina Amalia", address: "rina.amalia@yahoo.co.id" }],
      },
    ],
  },
  {
    name: "Google Meet in X-GOOGLE-CONFERENCE, UTC times, no zone named",
    ics: googleMeetUtc,
    zone: "Asia/Jakarta",
    expected: [
      {
        start: "2025-12-03T09:00:00+07:00",
        end: "2025-12-03T10:00:00+07:00",
        zone: null,
        location: null,
        meetingUrl: "https://meet.google.com/xkq-pwzt-hmr",
        attendees: [
          { name: "", address: "putri.ayu@gmail.com" },
          { name: "Dewi Lestari", address: "dewi.lestari@kopikita.id" },
        ],
      },
    ],
  },
  {
    name: "UTC times shown in X-WR-TIMEZONE",
    ics: googleMeetUtc.replace("METHOD:REQUEST", "METHOD:REQUEST\nX-WR-TIMEZONE:Asia/Singapore"),
    zone: "Asia/Jakarta",
    expected: [
      { start: "2025-12-03T10:00:00+08:00", end: "2025-12-03T11:00:00+08:00", zone: "Asia/Singapore" },
    ],
  },
  {
    name: "DURATION instead of DTEND",
    ics: durationJakarta,
    zone: "Asia/Jakarta",
    expected: [
      {
        start: "2025-12-01T14:00:00+07:00",
        end: "2025-12-01T15:30:00+07:00",
        zone: "Asia/Jakarta",
        meetingUrl: null,
      },
    ],
  },
  {
    name: "floating time in Jakarta",
    ics: floating,
    zone: "Asia/Jakarta",
    expected: [
      {
        method: null,
        start: "2025-12-01T14:00:00+07:00",
        end: "2025-12-01T15:00:00+07:00",
        zone: null,
        meetingUrl: "https://whereby.com/sinar-interview",
      },
    ],
  },
  {
    name: "floating time in Jayapura",
    ics: floating,
    zone: "Asia/Jayapura",
    expected: [{ start: "2025-12-01T14:00:00+09:00", end: "2025-12-01T15:00:00+09:00", zone: null }],
  },
  {
    name: "METHOD:CANCEL, W. Australia Standard Time, Webex link in LOCATION",
    ics: cancelPerth,
    zone: "Asia/Jakarta",
    expected: [
      {
        method: "CANCEL",
        status: "CANCELLED",
        sequence: 2,
        start: "2025-12-05T15:00:00+08:00",
        end: "2025-12-05T15:45:00+08:00",
        zone: "Australia/Perth",
        meetingUrl: "https://redgum.webex.com/redgum/j.php?MTID=m8a1b2c3d4e5f60718293a4b5c6d7e8f9",
        organizer: { name: "Liam O'Connor", address: "liam.oconnor@redgum-mining.com.au" },
      },
    ],
  },
  {
    // Same offset as Perth, but Makassar is not one of the Windows zone's places: the invite's own zone stays.
    name: "W. Australia Standard Time for a person in Makassar",
    ics: cancelPerth,
    zone: "Asia/Makassar",
    expected: [{ start: "2025-12-05T15:00:00+08:00", zone: "Australia/Perth" }],
  },
  {
    name: "all-day event",
    ics: allDay,
    zone: "Asia/Jakarta",
    expected: [
      {
        method: "PUBLISH",
        summary: "Libur Natal",
        start: "2025-12-25T00:00:00+07:00",
        end: null,
        zone: null,
      },
    ],
  },
  {
    name: "two VEVENTs: /mozilla.org/ prefix and a Windows name in US summer time",
    ics: twoEvents,
    zone: "Asia/Jakarta",
    expected: [
      {
        uid: "round-1@thunderbird.example",
        sequence: 0,
        start: "2025-07-15T10:00:00-04:00",
        end: "2025-07-15T11:00:00-04:00",
        zone: "America/New_York",
        meetingUrl: "https://meet.jit.si/NorthwindRound1",
      },
      {
        uid: "round-2@thunderbird.example",
        sequence: 3,
        start: "2025-07-16T16:00:00-04:00",
        end: "2025-07-16T17:00:00-04:00",
        zone: "America/New_York",
        meetingUrl: "https://northwind.zoom.us/j/99887766554?pwd=UmFuZG9tUGFzcw==",
      },
    ],
  },
  {
    name: "custom VTIMEZONE name: its own rules, old and new US rules with UNTIL",
    ics: customZone,
    zone: "Asia/Jakarta",
    expected: [
      { uid: "custom-march@example.com", start: "2025-03-20T10:00:00-04:00", end: null, zone: null },
      { uid: "custom-october@example.com", start: "2025-10-30T10:00:00-04:00" },
      // The repeated hour: the first one (RFC 5545).
      { uid: "custom-overlap@example.com", start: "2025-11-02T01:30:00-04:00" },
      { uid: "custom-2005@example.com", start: "2005-03-20T10:00:00-05:00" },
      { uid: "custom-winter@example.com", start: "2025-12-15T10:00:00-05:00" },
    ],
  },
];

describe("readInvites on invitation files", () => {
  it.each(files)("$name", ({ ics, zone, expected }) => {
    const got = readInvites(ics, zone);
    expect(got).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(got[i]).toMatchObject(e);
    });
  });

  it("keeps the description as text, unescaped and unfolded", () => {
    const [invite] = readInvites(en03, "Asia/Jakarta");
    expect(invite.description).toContain("Hi Dimas,\n\nLooking forward to your technical screen");
    expect(invite.description).toContain("9:30 AM EST)\nFormat: 60 minutes on Zoom");
  });
});

interface ZoneCase {
  name: string;
  dtstart: string;
  zone: string;
  start: string;
  eventZone: string | null;
}

const zones: ZoneCase[] = [
  {
    name: "IANA without VTIMEZONE, after DST ends",
    dtstart: "DTSTART;TZID=America/New_York:20251103T093000",
    zone: "Asia/Jakarta",
    start: "2025-11-03T09:30:00-05:00",
    eventZone: "America/New_York",
  },
  {
    name: "IANA without VTIMEZONE, before DST ends",
    dtstart: "DTSTART;TZID=America/New_York:20251031T093000",
    zone: "Asia/Jakarta",
    start: "2025-10-31T09:30:00-04:00",
    eventZone: "America/New_York",
  },
  {
    name: "the repeated hour in New York: the first one",
    dtstart: "DTSTART;TZID=America/New_York:20251102T013000",
    zone: "Asia/Jakarta",
    start: "2025-11-02T01:30:00-04:00",
    eventZone: "America/New_York",
  },
  {
    name: "the repeated hour in Sydney: the first one",
    dtstart: "DTSTART;TZID=Australia/Sydney:20250406T023000",
    zone: "Asia/Jakarta",
    start: "2025-04-06T02:30:00+11:00",
    eventZone: "Australia/Sydney",
  },
  {
    name: "the skipped hour in New York: moved forward (RFC 5545)",
    dtstart: "DTSTART;TZID=America/New_York:20250309T023000",
    zone: "Asia/Jakarta",
    start: "2025-03-09T03:30:00-04:00",
    eventZone: "America/New_York",
  },
  {
    name: "quoted IANA TZID",
    dtstart: 'DTSTART;TZID="Europe/Berlin":20251201T100000',
    zone: "Asia/Jakarta",
    start: "2025-12-01T10:00:00+01:00",
    eventZone: "Europe/Berlin",
  },
  {
    name: "IANA name in the wrong case",
    dtstart: "DTSTART;TZID=asia/makassar:20251201T100000",
    zone: "Asia/Jakarta",
    start: "2025-12-01T10:00:00+08:00",
    eventZone: "Asia/Makassar",
  },
  {
    name: "softwarestudio.org prefix",
    dtstart: "DTSTART;TZID=/softwarestudio.org/Olson_20011030_5/Europe/Berlin:20250715T100000",
    zone: "Asia/Jakarta",
    start: "2025-07-15T10:00:00+02:00",
    eventZone: "Europe/Berlin",
  },
  {
    name: "Windows name in lower case",
    dtstart: "DTSTART;TZID=se asia standard time:20251201T100000",
    zone: "Asia/Jakarta",
    start: "2025-12-01T10:00:00+07:00",
    eventZone: "Asia/Jakarta",
  },
  {
    name: "Singapore Standard Time for a person in Makassar (WITA)",
    dtstart: "DTSTART;TZID=Singapore Standard Time:20251201T100000",
    zone: "Asia/Makassar",
    start: "2025-12-01T10:00:00+08:00",
    eventZone: "Asia/Makassar",
  },
  {
    name: "Tokyo Standard Time for a person in Jayapura (WIT)",
    dtstart: "DTSTART;TZID=Tokyo Standard Time:20251201T100000",
    zone: "Asia/Jayapura",
    start: "2025-12-01T10:00:00+09:00",
    eventZone: "Asia/Jayapura",
  },
  {
    name: "Outlook's numbered copy of a Windows zone",
    dtstart: "DTSTART;TZID=Eastern Standard Time 1:20251201T100000",
    zone: "Asia/Jakarta",
    start: "2025-12-01T10:00:00-05:00",
    eventZone: "America/New_York",
  },
  {
    name: "tzone://Microsoft/Utc",
    dtstart: "DTSTART;TZID=tzone://Microsoft/Utc:20251201T100000",
    zone: "Asia/Jakarta",
    start: "2025-12-01T10:00:00+00:00",
    eventZone: "UTC",
  },
  {
    name: "display name without VTIMEZONE, person in Jakarta",
    dtstart: 'DTSTART;TZID="(UTC+07:00) Bangkok, Hanoi, Jakarta":20251201T100000',
    zone: "Asia/Jakarta",
    start: "2025-12-01T10:00:00+07:00",
    eventZone: "Asia/Jakarta",
  },
  {
    name: "display name left unquoted despite its colon",
    dtstart: "DTSTART;TZID=(UTC+07:00) Bangkok, Hanoi, Jakarta:20251201T100000",
    zone: "Europe/London",
    start: "2025-12-01T10:00:00+07:00",
    eventZone: "Asia/Bangkok",
  },
  {
    name: "US display name in summer",
    dtstart: 'DTSTART;TZID="(UTC-05:00) Eastern Time (US & Canada)":20250715T100000',
    zone: "Asia/Jakarta",
    start: "2025-07-15T10:00:00-04:00",
    eventZone: "America/New_York",
  },
  {
    name: "Indian display name",
    dtstart: 'DTSTART;TZID="(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi":20251201T100000',
    zone: "Asia/Jakarta",
    start: "2025-12-01T10:00:00+05:30",
    eventZone: "Asia/Kolkata",
  },
  {
    name: "an offset and no known place: the offset",
    dtstart: 'DTSTART;TZID="GMT+0700 (Western Indonesia Time)":20251201T100000',
    zone: "Europe/London",
    start: "2025-12-01T10:00:00+07:00",
    eventZone: null,
  },
  {
    name: "unknown name without VTIMEZONE: the person's zone",
    dtstart: "DTSTART;TZID=Nowhere Standard Time:20251201T100000",
    zone: "Asia/Jakarta",
    start: "2025-12-01T10:00:00+07:00",
    eventZone: null,
  },
  {
    name: "absurdly long TZID: the person's zone",
    dtstart: `DTSTART;TZID=${"Asia/Tokyo".padEnd(300, "x")}:20251201T100000`,
    zone: "Asia/Makassar",
    start: "2025-12-01T10:00:00+08:00",
    eventZone: null,
  },
  {
    name: "UTC without a zone named: the person's offset",
    dtstart: "DTSTART:20251201T030000Z",
    zone: "Asia/Makassar",
    start: "2025-12-01T11:00:00+08:00",
    eventZone: null,
  },
  {
    name: "floating in a zone with DST",
    dtstart: "DTSTART:20250715T100000",
    zone: "Europe/Amsterdam",
    start: "2025-07-15T10:00:00+02:00",
    eventZone: null,
  },
  {
    name: "an unusable person zone falls back to UTC",
    dtstart: "DTSTART:20251201T100000",
    zone: "Not/AZone",
    start: "2025-12-01T10:00:00+00:00",
    eventZone: null,
  },
];

describe("readInvites zones", () => {
  it.each(zones)("$name", ({ dtstart, zone, start, eventZone }) => {
    const [invite, ...rest] = readInvites(vevent(["UID:z@example.com", dtstart]), zone);
    expect(rest).toEqual([]);
    expect(invite.start).toBe(start);
    expect(invite.zone).toBe(eventZone);
  });
});

interface MessyCase {
  name: string;
  ics: string;
  expected: Partial<Invite>[];
}

const messy: MessyCase[] = [
  {
    name: "BOM, mail headers before, two VCALENDARs",
    ics: [
      "\uFEFFContent-Type: text/calendar; method=REQUEST",
      "Content-Transfer-Encoding: 7bit",
      "",
      vevent(["UID:a@x", "DTSTART;TZID=Asia/Jakarta:20251201T100000", "SUMMARY:First"], ["METHOD:REQUEST"]),
      "some trailer text: not a property",
      vevent(
        ["UID:a@x", "SEQUENCE:1", "STATUS:CANCELLED", "DTSTART;TZID=Asia/Jakarta:20251201T100000"],
        ["METHOD:CANCEL"],
      ),
    ].join("\r\n"),
    expected: [
      { method: "REQUEST", uid: "a@x", summary: "First", start: "2025-12-01T10:00:00+07:00" },
      { method: "CANCEL", uid: "a@x", sequence: 1, status: "CANCELLED", summary: null },
    ],
  },
  {
    name: "lower-case names and values",
    ics: "begin:vcalendar\nmethod:request\nbegin:vevent\nuid:l@x\nstatus:confirmed\ndtstart;tzid=Asia/Jakarta:20251201T100000\nend:vevent\nend:vcalendar\n",
    expected: [{ method: "REQUEST", status: "CONFIRMED", uid: "l@x", start: "2025-12-01T10:00:00+07:00" }],
  },
  {
    name: "a folded line that lost its space, a junk line, no END lines",
    ics: [
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT",
      "UID:m@x",
      "DESCRIPTION:Join https://acme.zoom.us/j/8123456",
      "7890?pwd=abc",
      "DTSTART;TZID=Asia/Jakarta:20251201T100000",
      "this line is not a property",
      "DTEND;TZID=Asia/Jakarta:20251201T110000",
      "LOCATION:Online:",
      "https://meet.google.com/abc-defg-hij",
    ].join("\n"),
    expected: [
      {
        uid: "m@x",
        description: "Join https://acme.zoom.us/j/81234567890?pwd=abc",
        location: "Online:https://meet.google.com/abc-defg-hij",
        meetingUrl: "https://meet.google.com/abc-defg-hij",
        start: "2025-12-01T10:00:00+07:00",
        end: "2025-12-01T11:00:00+07:00",
      },
    ],
  },
  {
    name: "broken values are dropped, not the event",
    ics: vevent([
      "UID:b@x",
      "SUMMARY:Still here",
      "DTSTART:garbage",
      "SEQUENCE:abc",
      "DURATION:xx",
      "DTSTART;TZID:20251201T100000",
      "ATTACH;ENCODING=BASE64;VALUE=BINARY:AAAA",
      "END:VTODO",
    ]),
    expected: [{ uid: "b@x", summary: "Still here", start: null, end: null, sequence: 0 }],
  },
  {
    name: "a bare VEVENT without its VCALENDAR",
    ics: "BEGIN:VEVENT\r\nUID:bare@x\r\nDTSTART;TZID=Asia/Jayapura:20251201T100000\r\nEND:VEVENT\r\n",
    expected: [{ uid: "bare@x", method: null, start: "2025-12-01T10:00:00+09:00", zone: "Asia/Jayapura" }],
  },
  {
    name: "a DTEND before DTSTART is no end",
    ics: vevent(["UID:e@x", "DTSTART:20251201T100000Z", "DTEND:20251201T090000Z"]),
    expected: [{ start: "2025-12-01T17:00:00+07:00", end: null }],
  },
  {
    name: "VALARM and nested components are not events",
    ics: vevent([
      "UID:n@x",
      "SUMMARY:Outer",
      "BEGIN:VALARM",
      "SUMMARY:Alarm",
      "DESCRIPTION:https://zoom.us/j/111111111",
      "END:VALARM",
      "BEGIN:VEVENT",
      "UID:inner@x",
      "END:VEVENT",
    ]),
    expected: [{ uid: "n@x", summary: "Outer", description: null, meetingUrl: null }],
  },
];

describe("readInvites on messy text", () => {
  it.each(messy)("$name", ({ ics, expected }) => {
    const got = readInvites(ics, "Asia/Jakarta");
    expect(got).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(got[i]).toMatchObject(e);
    });
  });
});

function pseudoRandom(length: number, alphabet: string): string {
  let seed = 42;
  let out = "";
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += alphabet[seed % alphabet.length];
  }
  return out;
}

const hostileZone = [
  "BEGIN:VCALENDAR",
  "BEGIN:VTIMEZONE",
  "TZID:Hostile",
  "BEGIN:STANDARD",
  "DTSTART:16010101T000000",
  "TZOFFSETFROM:+0700",
  "TZOFFSETTO:+0700",
  "RRULE:FREQ=SECONDLY;BYHOUR=25",
  "END:STANDARD",
  "END:VTIMEZONE",
  "BEGIN:VEVENT",
  "UID:h@x",
  "DTSTART;TZID=Hostile:21991231T100000",
  "END:VEVENT",
  "END:VCALENDAR",
].join("\r\n");

const garbage: [string, string, number][] = [
  ["empty", "", 0],
  ["prose", "Hi, see you Monday at 10:00. Regards", 0],
  ["binary", pseudoRandom(4000, "\u0000\u0001\u00ff\n\r:;=ABC\u20ac"), 0],
  ["a lone BEGIN:VCALENDAR", "BEGIN:VCALENDAR", 0],
  ["a calendar with no event", "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n", 0],
  ["1 MB of property-like garbage", pseudoRandom(1 << 20, 'ABCDEFG:;=\n -"T0123456789'), 0],
  ["1 MB of BEGIN:VCALENDAR", "BEGIN:VCALENDAR\n".repeat(70_000), 0],
  ["deep nesting", `BEGIN:VCALENDAR\n${"BEGIN:X\n".repeat(100_000)}`, 0],
  [
    "thousands of events are capped",
    `BEGIN:VCALENDAR\n${"BEGIN:VEVENT\nUID:u\nEND:VEVENT\n".repeat(5000)}`,
    20,
  ],
  ["a VTIMEZONE rule that never ends, for the year 2199", hostileZone, 1],
];

describe("readInvites on garbage", () => {
  it.each(garbage)("%s", (_name, ics, count) => {
    expect(readInvites(ics, "Asia/Jakarta")).toHaveLength(count);
  });

  it("the hostile VTIMEZONE still gives its offset", () => {
    expect(readInvites(hostileZone, "Europe/London")[0].start).toBe("2199-12-31T10:00:00+07:00");
  });

  it("does not throw on what is not a string", () => {
    expect(readInvites(null as unknown as string, "Asia/Jakarta")).toEqual([]);
    expect(readInvites(42 as unknown as string, "Asia/Jakarta")).toEqual([]);
  });
});

const links: [string, string, string | null][] = [
  [
    "Zoom with trailing period",
    "Join: https://us02web.zoom.us/j/81234567890?pwd=abcDEF123.",
    "https://us02web.zoom.us/j/81234567890?pwd=abcDEF123",
  ],
  ["Zoom in parentheses", "(https://zoom.us/j/81234567890)", "https://zoom.us/j/81234567890"],
  ["Zoom personal room", "https://acme.zoom.us/my/jane.doe", "https://acme.zoom.us/my/jane.doe"],
  [
    "Zoom password ending in =",
    "https://zoom.us/j/81234567890?pwd=QT09==,",
    "https://zoom.us/j/81234567890?pwd=QT09==",
  ],
  ["Zoom without scheme", "zoom: acme.zoom.us/j/81234567890", "https://acme.zoom.us/j/81234567890"],
  ["Zoom contact link", "https://zoom.us/u/abc123XYZ", null],
  ["Zoom support page", "https://support.zoom.us/hc/en-us/articles/201362193", null],
  ["Zoom join instructions", "https://us02web.zoom.us/meetings/81234567890/invitations?signature=x", null],
  [
    "Teams in angle brackets",
    "Click here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0?context=%7b%7d>\nMeeting ID",
    "https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0?context=%7b%7d",
  ],
  ["Teams meeting options", "<https://teams.microsoft.com/meetingOptions/?organizerId=a&tenantId=b>", null],
  [
    "Teams short link",
    "https://teams.microsoft.com/meet/2345678901234?p=AbC",
    "https://teams.microsoft.com/meet/2345678901234?p=AbC",
  ],
  [
    "Teams personal",
    "https://teams.live.com/meet/9876543210987?p=x1",
    "https://teams.live.com/meet/9876543210987?p=x1",
  ],
  [
    "Meet without scheme",
    "Join with Google Meet: meet.google.com/abc-defg-hij.",
    "https://meet.google.com/abc-defg-hij",
  ],
  [
    "Meet after a calendar event link",
    "https://calendar.google.com/calendar/event?action=VIEW&eid=xyz then https://meet.google.com/abc-defg-hij",
    "https://meet.google.com/abc-defg-hij",
  ],
  ["Meet phone link", "https://tel.meet/abc-defg-hij?pin=123", null],
  ["Google support", "https://support.google.com/a/users/answer/9282720", null],
  ["Google Maps", "https://www.google.com/maps/place/Jakarta and https://goo.gl/maps/abc", null],
  [
    "Google Docs",
    "https://docs.google.com/document/d/1AbC/edit https://drive.google.com/file/d/1/view",
    null,
  ],
  [
    "Webex",
    "https://acme.webex.com/acme/j.php?MTID=m0123456789abcdef",
    "https://acme.webex.com/acme/j.php?MTID=m0123456789abcdef",
  ],
  ["Webex personal room", "https://acme.webex.com/meet/jane.doe", "https://acme.webex.com/meet/jane.doe"],
  ["Webex help", "https://help.webex.com/en-us/article/nrbgeqh", null],
  ["Whereby", "Room: https://whereby.com/acme-interview!", "https://whereby.com/acme-interview"],
  ["Whereby information page", "https://whereby.com/information/tos", null],
  ["Jitsi", "https://meet.jit.si/AcmeInterview42", "https://meet.jit.si/AcmeInterview42"],
  [
    "HTML entities in an href",
    '<a href="https://acme.webex.com/acme/j.php?MTID=m1&amp;from=mail">join</a>',
    "https://acme.webex.com/acme/j.php?MTID=m1&from=mail",
  ],
  [
    "Outlook Safe Links",
    "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fzoom.us%2Fj%2F81234567890%3Fpwd%3Dabc&data=05%7C01",
    "https://zoom.us/j/81234567890?pwd=abc",
  ],
  [
    "Google redirect",
    "https://www.google.com/url?q=https://meet.google.com/abc-defg-hij&sa=D&source=calendar",
    "https://meet.google.com/abc-defg-hij",
  ],
  [
    "the first link wins",
    "https://meet.jit.si/First then https://zoom.us/j/81234567890",
    "https://meet.jit.si/First",
  ],
  ["no link", "Interview at our office, Jl. Sudirman 1", null],
  ["empty", "", null],
];

describe("findMeetingUrl", () => {
  it.each(links)("%s", (_name, text, expected) => {
    expect(findMeetingUrl(text)).toBe(expected);
  });

  it.each([
    ["dots", `https://x${".".repeat(200_000)}a`],
    ["dotted words", `(${"a.".repeat(100_000)}`],
    ["closing brackets", `https://zoom.us/j/1${")".repeat(200_000)}x`],
  ])("returns on hostile %s", (_name, text) => {
    expect(findMeetingUrl(text)).toBeNull();
  });
});
