// Strangers choose the envelope and every header below Cloudflare's: only the person's own, authenticated mail
// gets in, and no input makes the check throw or run long.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  normaliseAddress,
  type SenderVerdict,
  topAuthenticationResults,
  verifySender,
} from "../../src/mail/sender";

const OWN = ["name@gmail.com", "me@work.example", "user@xn--bcher-kva.example"];

/** Email Routing's header, in the shape it writes: one result per folded line, comments naming itself. */
function cloudflare(...results: string[]): string {
  return `Authentication-Results: mx.cloudflare.net;\r\n\t${results.join(";\r\n\t")}`;
}

/** A raw message: header lines (each may already hold folded lines), an empty line, a body. */
function mail(headers: readonly string[], eol = "\r\n"): string {
  const lines = [...headers, "From: Name <name@gmail.com>", "Subject: Fwd: Undangan interview", ""];
  return `${lines.join("\r\n").replaceAll("\r\n", eol)}${eol}Halo${eol}`;
}

const GMAIL_FORWARD = "name+caf_=interviews=kabari.example@gmail.com";
const spfPass = (mailFrom: string) =>
  `spf=pass (mx.cloudflare.net: domain of ${mailFrom} designates 2607:f8b0::1 as permitted sender) smtp.mailfrom=${mailFrom}`;
const spfFail = (mailFrom: string) =>
  `spf=fail (mx.cloudflare.net: domain of ${mailFrom} does not designate 203.0.113.9 as permitted sender) smtp.mailfrom=${mailFrom}`;
const RECRUITER_DKIM = "dkim=pass header.d=recruiter.example header.s=s1 header.b=Ab12Cd34";
const DMARC = "dmarc=pass header.from=recruiter.example policy.dmarc=none";

/** What Email Routing adds to a Gmail auto-forward of a recruiter's mail: SPF passes for gmail.com. */
const GMAIL_FORWARDED = mail([
  "ARC-Authentication-Results: i=2; mx.cloudflare.net; dkim=pass header.d=recruiter.example",
  "Received-SPF: pass (mx.cloudflare.net: domain of name@gmail.com designates 2607:f8b0::1 as permitted sender)",
  cloudflare(
    RECRUITER_DKIM,
    DMARC,
    "spf=none (mx.cloudflare.net: no SPF records found for postmaster@mail-yw1.google.com) smtp.helo=mail-yw1.google.com",
    spfPass(GMAIL_FORWARD),
    'arc=pass smtp.remote-ip="2607:f8b0::1"',
  ),
  "Received: by mail-yw1.google.com with SMTP id 1; Mon, 24 Nov 2025 09:00:00 +0700",
  "ARC-Authentication-Results: i=1; mx.google.com; arc=none",
]);

describe("normaliseAddress", () => {
  const cases: [string, string | null][] = [
    ["name@gmail.com", "name@gmail.com"],
    ["Name@GMAIL.com", "name@gmail.com"],
    [GMAIL_FORWARD, "name@gmail.com"],
    ["N.a.m.e+jobs@gmail.com", "name@gmail.com"],
    ["name@googlemail.com", "name@gmail.com"],
    ["na.me+caf_=x=y.example@GoogleMail.com", "name@gmail.com"],
    ["gmail.com@gmail.com", "gmailcom@gmail.com"],
    // Elsewhere a +tag or a dot is part of the mailbox; only forwarding envelopes are unwrapped.
    ["first.last+jobs@yahoo.com", "first.last+jobs@yahoo.com"],
    ["me+caf_=interviews=kabari.example@work.example", "me@work.example"],
    ["Me+SRS=Ab1c=dE@Work.Example", "me@work.example"],
    ["me+srs=ab1c=de@work.example", "me@work.example"],
    ["me+jobs+caf_=x=y.example@work.example", "me+jobs@work.example"],
    ["SRS0=HHH=TT=gmail.com=na.me@forwarder.example", "name@gmail.com"],
    ["srs0+HHH=TT=work.example=me@forwarder.example", "me@work.example"],
    ["SRS0=HHH=TT=work.example=a=b@forwarder.example", "a=b@work.example"],
    ["SRS1=HHH=first.example==HHH=TT=work.example=me@second.example", "me@work.example"],
    ["user@bücher.example", "user@xn--bcher-kva.example"],
    ["user@BÜCHER.example", "user@xn--bcher-kva.example"],
    ["user@xn--bcher-kva.example", "user@xn--bcher-kva.example"],
    ["ÜSER@bücher.example", "üser@xn--bcher-kva.example"],
    ["name@gmail.com.", "name@gmail.com"],
    ["", null],
    ["name", null],
    ["@gmail.com", null],
    ["name@", null],
    ["a@b@gmail.com", null],
    ["na me@gmail.com", null],
    [" name@gmail.com", null],
    ["name@gmail.com\r\n", null],
    ["name@gmail.com\nBcc: x@y.example", null],
    ["<name@gmail.com>", null],
    ['"name"@gmail.com', null],
    ["name@gmail..com", null],
    ["name@-gmail.com", null],
    ["name@gmail.com/x", null],
    ["name@gmail.com:25", null],
    ["name@[192.0.2.1]", null],
    ["+caf_=x=y.example@gmail.com", null],
    ["+SRS=abc@work.example", null],
    ["SRS0=HHH=TT=gmail.com@forwarder.example", "srs0=hhh=tt=gmail.com@forwarder.example"],
    ["SRS0=h=t=bad domain=x@forwarder.example", null],
    [`${"a".repeat(600)}@gmail.com`, null],
  ];
  it.each(cases)("%j → %j", (input, expected) => {
    expect(normaliseAddress(input)).toBe(expected);
  });

  it("gives each address one form: normalising twice changes nothing", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9.+=_-]{1,30}@(gmail|googlemail|work|bücher)\.(com|example)$/),
        (address) => {
          const once = normaliseAddress(address);
          if (once !== null) expect(normaliseAddress(once)).toBe(once);
        },
      ),
    );
  });

  it("answers any string with null or one lower-case address without white space", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (input) => {
        const result = normaliseAddress(input);
        if (result === null) return;
        expect(result.split("@")).toHaveLength(2);
        expect(result).not.toMatch(/\s/);
        expect(result).toBe(result.toLowerCase());
      }),
    );
  });
});

describe("topAuthenticationResults", () => {
  it("unfolds the topmost field and leaves ARC-Authentication-Results alone", () => {
    const value = topAuthenticationResults(GMAIL_FORWARDED);
    expect(value).toMatch(/^mx\.cloudflare\.net;\tdkim=pass header\.d=recruiter\.example /);
    expect(value).toContain(`;\t${spfPass(GMAIL_FORWARD)};\tarc=pass`);
    expect(value).not.toMatch(/[\r\n]/);
  });

  it("reads LF-only messages and bytes alike", () => {
    const crlf = topAuthenticationResults(GMAIL_FORWARDED);
    expect(topAuthenticationResults(GMAIL_FORWARDED.replaceAll("\r\n", "\n"))).toBe(crlf);
    expect(topAuthenticationResults(new TextEncoder().encode(GMAIL_FORWARDED))).toBe(crlf);
  });

  it("returns only the first of several fields", () => {
    const raw = mail([
      "authentication-results : mx.cloudflare.net; spf=fail smtp.mailfrom=name@gmail.com",
      "Authentication-Results: mx.cloudflare.net; spf=pass smtp.mailfrom=name@gmail.com",
    ]);
    expect(topAuthenticationResults(raw)).toBe("mx.cloudflare.net; spf=fail smtp.mailfrom=name@gmail.com");
  });

  it("stops at the end of the header block", () => {
    const raw =
      "Subject: x\r\n\r\nAuthentication-Results: mx.cloudflare.net; spf=pass smtp.mailfrom=name@gmail.com\r\n";
    expect(topAuthenticationResults(raw)).toBeNull();
    expect(topAuthenticationResults("")).toBeNull();
  });

  it("reads a message that is all header and has no final newline", () => {
    expect(topAuthenticationResults("Authentication-Results: mx.cloudflare.net; none")).toBe(
      "mx.cloudflare.net; none",
    );
  });

  it("reads no further than the first 256 KB", () => {
    const filler = "X-Filler: 0123456789abcdef0123456789abcdef0123456789abcdef\r\n".repeat(6000); // ~360 KB
    const raw = `${filler}${cloudflare(spfPass("name@gmail.com"))}\r\n\r\nHalo\r\n`;
    expect(topAuthenticationResults(raw)).toBeNull();
    expect(topAuthenticationResults(`${cloudflare(spfPass("name@gmail.com"))}\r\n${raw}`)).toContain(
      "smtp.mailfrom=name@gmail.com",
    );
  });

  it("answers any bytes without throwing", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const value = topAuthenticationResults(bytes);
        expect(value === null || typeof value === "string").toBe(true);
      }),
    );
  });
});

type Expected = { how: "authenticated" | "envelope-only"; address: string } | { reason: RegExp };

const NOT_OWN = /^kabari accepts mail only from the addresses of this account; .* is not one of them$/;
const NOT_CLOUDFLARE = /no authentication result from Cloudflare/;
const failedFor = (domain: string) =>
  new RegExp(`^the message did not pass SPF or DKIM for ${domain.replaceAll(".", "\\.")}$`);
const authenticated = (address: string): Expected => ({ how: "authenticated", address });

const verdicts: { name: string; from: string; raw: string | Uint8Array; expected: Expected }[] = [
  {
    name: "Gmail auto-forward, SPF passes for gmail.com",
    from: GMAIL_FORWARD,
    raw: GMAIL_FORWARDED,
    expected: authenticated("name@gmail.com"),
  },
  {
    name: "the same as bytes, LF-only",
    from: GMAIL_FORWARD,
    raw: new TextEncoder().encode(GMAIL_FORWARDED.replaceAll("\r\n", "\n")),
    expected: authenticated("name@gmail.com"),
  },
  {
    name: "DKIM passes for the work domain while SPF fails (a forwarder kept the envelope)",
    from: "me@work.example",
    raw: mail([
      cloudflare("dkim=pass header.d=work.example header.s=sel header.b=x", spfFail("me@work.example")),
    ]),
    expected: authenticated("me@work.example"),
  },
  {
    name: "DKIM passes with header.i only",
    from: "Me@Work.example",
    raw: mail([cloudflare("dkim=pass header.i=@work.example", "spf=none smtp.mailfrom=me@work.example")]),
    expected: authenticated("me@work.example"),
  },
  {
    name: "Microsoft SRS envelope, SPF passes for the work domain",
    from: "me+SRS=Ab1c=dE@work.example",
    raw: mail([cloudflare(spfPass("me+SRS=Ab1c=dE@work.example"))]),
    expected: authenticated("me@work.example"),
  },
  {
    name: "googlemail.com is gmail.com",
    from: "na.me@googlemail.com",
    raw: mail([cloudflare(spfPass("na.me@googlemail.com"))]),
    expected: authenticated("name@gmail.com"),
  },
  {
    name: "IDN envelope, punycode in the header",
    from: "user@bücher.example",
    raw: mail([cloudflare(spfPass("user@xn--bcher-kva.example"))]),
    expected: authenticated("user@xn--bcher-kva.example"),
  },
  {
    name: "punycode envelope, Unicode DKIM domain",
    from: "user@xn--bcher-kva.example",
    raw: mail([cloudflare("dkim=pass header.d=bücher.example")]),
    expected: authenticated("user@xn--bcher-kva.example"),
  },
  {
    name: "a quoted mailfrom",
    from: "name@gmail.com",
    raw: mail([cloudflare('spf=pass smtp.mailfrom="name@gmail.com"')]),
    expected: authenticated("name@gmail.com"),
  },
  {
    name: "upper case and spaces around '='",
    from: "name@gmail.com",
    raw: mail(["Authentication-Results: MX.Cloudflare.NET; SPF = PASS SMTP.MailFrom = Name@GMAIL.COM"]),
    expected: authenticated("name@gmail.com"),
  },
  {
    name: "folded with spaces instead of tabs",
    from: "name@gmail.com",
    raw: mail([
      "Authentication-Results: mx.cloudflare.net;\r\n    dkim=fail header.d=gmail.com;\r\n    spf=pass\r\n     smtp.mailfrom=name@gmail.com",
    ]),
    expected: authenticated("name@gmail.com"),
  },
  {
    name: "a semicolon inside a comment",
    from: "name@gmail.com",
    raw: mail([cloudflare("spf=pass (sender ok; IP listed) smtp.mailfrom=name@gmail.com")]),
    expected: authenticated("name@gmail.com"),
  },
  {
    name: "SPF and DKIM both fail",
    from: GMAIL_FORWARD,
    raw: mail([
      cloudflare("dkim=fail header.d=gmail.com", spfFail(GMAIL_FORWARD), "dmarc=fail header.from=gmail.com"),
    ]),
    expected: { reason: failedFor("gmail.com") },
  },
  {
    name: "softfail and neutral are not pass",
    from: "name@gmail.com",
    raw: mail([cloudflare("spf=softfail smtp.mailfrom=name@gmail.com", "dkim=neutral header.d=gmail.com")]),
    expected: { reason: failedFor("gmail.com") },
  },
  {
    name: "a result that merely starts with pass",
    from: "name@gmail.com",
    raw: mail([cloudflare("spf=passive smtp.mailfrom=name@gmail.com", "dkim=passed header.d=gmail.com")]),
    expected: { reason: failedFor("gmail.com") },
  },
  {
    name: "only the recruiter's DKIM passes",
    from: GMAIL_FORWARD,
    raw: mail([cloudflare(RECRUITER_DKIM, DMARC, spfFail(GMAIL_FORWARD))]),
    expected: { reason: failedFor("gmail.com") },
  },
  {
    name: "SPF passes for the HELO name, not the envelope",
    from: "name@gmail.com",
    raw: mail([cloudflare("spf=pass smtp.helo=gmail.com", "dkim=none")]),
    expected: { reason: failedFor("gmail.com") },
  },
  {
    name: "DMARC alone is not SPF or DKIM",
    from: "name@gmail.com",
    raw: mail([cloudflare("dmarc=pass header.from=gmail.com")]),
    expected: { reason: failedFor("gmail.com") },
  },
  {
    name: "Cloudflare found nothing",
    from: "name@gmail.com",
    raw: mail(["Authentication-Results: mx.cloudflare.net; none"]),
    expected: { reason: failedFor("gmail.com") },
  },
  {
    name: "a forged passing header below Cloudflare's failing one",
    from: "name@gmail.com",
    raw: mail([
      cloudflare("dkim=fail header.d=gmail.com", spfFail("name@gmail.com")),
      cloudflare("dkim=pass header.d=gmail.com", spfPass("name@gmail.com")),
      "Authentication-Results: mx.google.com; spf=pass smtp.mailfrom=name@gmail.com",
    ]),
    expected: { reason: failedFor("gmail.com") },
  },
  {
    name: "a forged passing header from another authserv-id on top",
    from: "name@gmail.com",
    raw: mail([
      "Authentication-Results: mx.google.com; dkim=pass header.d=gmail.com; spf=pass smtp.mailfrom=name@gmail.com",
      cloudflare("dkim=fail header.d=gmail.com", spfFail("name@gmail.com")),
    ]),
    expected: { reason: NOT_CLOUDFLARE },
  },
  {
    name: "an authserv-id that only ends like Cloudflare's",
    from: "name@gmail.com",
    raw: mail([
      "Authentication-Results: evil-mx.cloudflare.net.example; spf=pass smtp.mailfrom=name@gmail.com",
    ]),
    expected: { reason: NOT_CLOUDFLARE },
  },
  {
    name: "Cloudflare's name inside a comment",
    from: "name@gmail.com",
    raw: mail([
      "Authentication-Results: (mx.cloudflare.net) evil.example; spf=pass smtp.mailfrom=name@gmail.com",
    ]),
    expected: { reason: NOT_CLOUDFLARE },
  },
  {
    name: "an empty Authentication-Results on top",
    from: "name@gmail.com",
    raw: mail(["Authentication-Results:", cloudflare(spfPass("name@gmail.com"))]),
    expected: { reason: NOT_CLOUDFLARE },
  },
  {
    name: "SPF passes for a domain that ends like gmail.com",
    from: "name@gmail.com",
    raw: mail([cloudflare(spfPass("name@evil-gmail.com"), "dkim=pass header.d=evilgmail.com")]),
    expected: { reason: failedFor("gmail.com") },
  },
  {
    name: "DKIM passes for a domain that starts like gmail.com",
    from: "name@gmail.com",
    raw: mail([
      cloudflare(
        "dkim=pass header.d=gmail.com.evil.net header.i=@gmail.com.evil.net",
        spfFail("name@gmail.com"),
      ),
    ]),
    expected: { reason: failedFor("gmail.com") },
  },
  {
    name: "a subdomain is another domain",
    from: "me@work.example",
    raw: mail([cloudflare("dkim=pass header.d=mail.work.example", spfPass("me@bounce.work.example"))]),
    expected: { reason: failedFor("work.example") },
  },
  {
    name: "a pass written inside a comment",
    from: "name@gmail.com",
    raw: mail([
      cloudflare(
        "spf=fail (spf=pass smtp.mailfrom=name@gmail.com; dkim=pass header.d=gmail.com ) smtp.mailfrom=name@gmail.com",
      ),
    ]),
    expected: { reason: failedFor("gmail.com") },
  },
  {
    name: "a semicolon inside a quoted string starts no new result",
    from: "name@gmail.com",
    raw: mail([cloudflare('spf=fail smtp.mailfrom="x;spf=pass smtp.mailfrom=name@gmail.com;"@evil.example')]),
    expected: { reason: failedFor("gmail.com") },
  },
  {
    name: "a repeated property does not replace the one the verifier wrote first",
    from: "name@gmail.com",
    raw: mail([cloudflare("spf=pass smtp.mailfrom=x@evil.example smtp.mailfrom=name@gmail.com")]),
    expected: { reason: failedFor("gmail.com") },
  },
  {
    name: "two SPF answers for the same envelope that disagree",
    from: "name@gmail.com",
    raw: mail([cloudflare(spfFail("name@gmail.com"), spfPass("name@gmail.com"))]),
    expected: { reason: failedFor("gmail.com") },
  },
  {
    name: "classic SRS: the forwarder's SPF says nothing about the original sender",
    from: "SRS0=HHH=TT=gmail.com=name@forwarder.example",
    raw: mail([cloudflare(spfPass("SRS0=HHH=TT=gmail.com=name@forwarder.example"), RECRUITER_DKIM)]),
    expected: { reason: failedFor("gmail.com") },
  },
  {
    name: "classic SRS with the person's own DKIM intact",
    from: "SRS0=HHH=TT=gmail.com=name@forwarder.example",
    raw: mail([
      cloudflare(spfPass("SRS0=HHH=TT=gmail.com=name@forwarder.example"), "dkim=pass header.d=gmail.com"),
    ]),
    expected: authenticated("name@gmail.com"),
  },
  {
    name: "no Authentication-Results at all (wrangler dev)",
    from: "Name@gmail.com",
    raw: mail([]),
    expected: { how: "envelope-only", address: "name@gmail.com" },
  },
  {
    name: "Authentication-Results only in the body",
    from: "name@gmail.com",
    raw: `Subject: x\n\n${cloudflare("dkim=fail header.d=gmail.com")}\n`,
    expected: { how: "envelope-only", address: "name@gmail.com" },
  },
  {
    name: "an unknown sender, even authenticated",
    from: "stranger@evil.example",
    raw: mail([cloudflare(spfPass("stranger@evil.example"), "dkim=pass header.d=evil.example")]),
    expected: { reason: NOT_OWN },
  },
  {
    name: "an unknown sender without any header",
    from: "stranger@evil.example",
    raw: mail([]),
    expected: { reason: NOT_OWN },
  },
  {
    name: "a plus-address that is not Gmail's is another mailbox",
    from: "me+jobs@work.example",
    raw: mail([cloudflare(spfPass("me+jobs@work.example"))]),
    expected: { reason: NOT_OWN },
  },
  {
    name: "the null envelope of a bounce",
    from: "",
    raw: mail([cloudflare(spfPass("name@gmail.com"))]),
    expected: { reason: /is not an email address$/ },
  },
];

function outcome(verdict: SenderVerdict): Expected | { reason: string } {
  return verdict.ok ? { how: verdict.how, address: verdict.address } : { reason: verdict.reason };
}

describe("verifySender", () => {
  it.each(verdicts)("$name", ({ from, raw, expected }) => {
    const verdict = verifySender(from, OWN, raw);
    if ("reason" in expected)
      expect(outcome(verdict)).toEqual({ reason: expect.stringMatching(expected.reason) });
    else expect(outcome(verdict)).toEqual(expected);
  });

  it("matches an account address stored without normalising", () => {
    expect(outcome(verifySender(GMAIL_FORWARD, ["N.A.M.E@GoogleMail.com"], GMAIL_FORWARDED))).toEqual(
      authenticated("name@gmail.com"),
    );
    expect(verifySender(GMAIL_FORWARD, [], GMAIL_FORWARDED).ok).toBe(false);
  });

  it("never echoes line breaks or long input in a refusal", () => {
    const hostile = `stranger@evil.example\r\n250 OK\r\n${"x".repeat(5000)}`;
    for (const from of [
      hostile,
      "stranger@evil.example\u2028x",
      `${"y".repeat(200)}@evil.example`,
      "a\r\n@b.example",
    ]) {
      const verdict = verifySender(from, OWN, mail([]));
      expect(verdict.ok).toBe(false);
      const reason = verdict.ok ? "" : verdict.reason;
      expect(reason).toMatch(/^[\x20-\x7e]+$/);
      expect(reason.length).toBeLessThan(220);
      expect(reason).toContain(from.slice(0, 1));
      expect(reason).not.toContain(from.slice(0, 150));
    }
  });

  it("refuses what is not a message instead of throwing", () => {
    for (const raw of [null, undefined, 42, {}] as unknown as string[]) {
      expect(outcome(verifySender("name@gmail.com", OWN, raw))).toEqual({
        reason: "kabari could not check who sent this message",
      });
    }
  });

  describe("hostile sizes", () => {
    const filler = (bytes: number) =>
      "X-Filler: 0123456789abcdef0123456789abcdef0123456789abcdef\r\n".repeat(bytes / 60);
    const MB = 1024 * 1024;

    it("finds Cloudflare's header on top of a 2.3 MB header block", () => {
      const raw = `${cloudflare(spfPass(GMAIL_FORWARD))}\r\n${filler(2.3 * MB)}\r\nHalo\r\n`;
      expect(outcome(verifySender(GMAIL_FORWARD, OWN, raw))).toEqual(authenticated("name@gmail.com"));
      expect(outcome(verifySender(GMAIL_FORWARD, OWN, new TextEncoder().encode(raw)))).toEqual(
        authenticated("name@gmail.com"),
      );
    });

    it("ignores thousands of forged passing headers below Cloudflare's failing one", () => {
      const forged = `${cloudflare(spfPass(GMAIL_FORWARD), "dkim=pass header.d=gmail.com")}\r\n`.repeat(
        20_000,
      );
      const raw = `${cloudflare(spfFail(GMAIL_FORWARD))}\r\n${forged}\r\nHalo\r\n`;
      expect(raw.length).toBeGreaterThan(2 * MB);
      expect(outcome(verifySender(GMAIL_FORWARD, OWN, raw))).toEqual({
        reason: "the message did not pass SPF or DKIM for gmail.com",
      });
    });

    it("refuses a 2.3 MB header block without Authentication-Results rather than trust the envelope", () => {
      const raw = `${filler(2.3 * MB)}\r\nHalo\r\n`;
      expect(outcome(verifySender("name@gmail.com", OWN, raw))).toEqual({
        reason: "the message header is too large for kabari to check who sent it",
      });
    });

    it("refuses 2.3 MB without a single newline", () => {
      const raw = `Authentication-Results: mx.cloudflare.net; ${spfPass("name@gmail.com")} ${"x".repeat(2.3 * MB)}`;
      expect(topAuthenticationResults(raw)).toBeNull();
      expect(outcome(verifySender("name@gmail.com", OWN, raw))).toEqual({
        reason: "the message header is too large for kabari to check who sent it",
      });
    });

    it("keeps a hostile envelope cheap", () => {
      expect(normaliseAddress(`${"SRS0=a=b=".repeat(200_000)}x@gmail.com`)).toBeNull();
      expect(outcome(verifySender(`${"a".repeat(2 * MB)}@gmail.com`, OWN, mail([])))).toEqual({
        reason: expect.stringMatching(/; a{100}\.\.\. is not an email address$/),
      });
    });
  });

  // Below Cloudflare's header comes the first field the sender wrote (here a Received line of its server).
  it("never accepts mail whose Cloudflare header fails, whatever the sender's fields say", () => {
    const header = fc.oneof(
      fc.constantFrom(
        cloudflare(spfPass("name@gmail.com"), "dkim=pass header.d=gmail.com"),
        "Authentication-Results: mx.cloudflare.net; spf=pass smtp.mailfrom=name@gmail.com",
        "\tspf=pass smtp.mailfrom=name@gmail.com",
        " dkim=pass header.d=gmail.com",
        "",
        "(",
        '"',
        ";",
      ),
      fc.string({ maxLength: 60 }),
    );
    fc.assert(
      fc.property(fc.array(header, { maxLength: 12 }), fc.constantFrom("\r\n", "\n"), (below, eol) => {
        const top = [
          cloudflare("dkim=fail header.d=gmail.com", spfFail("name@gmail.com")),
          "Received: from mx.evil.example",
        ];
        const raw = [...top, ...below].join(eol);
        expect(verifySender("name@gmail.com", OWN, raw).ok).toBe(false);
      }),
    );
  });
});
