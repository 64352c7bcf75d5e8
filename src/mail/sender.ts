/**
 * Who may write to kabari: only the person's own addresses, and only when Cloudflare Email Routing vouches that
 * the mail really came from them. Pure: the caller passes the envelope sender, the account's addresses and the
 * raw message (or at least its first 256 KB), and turns a refusal into `message.setReject(reason)`.
 */

/** Cloudflare prepends its header above everything the sender wrote, so it is found within the first bytes. */
const HEADER_CAP = 256 * 1024;
/** Longer than any real envelope sender (SRS and Gmail's `+caf_=` forms included): refuse without looking. */
const ADDRESS_CAP = 512;
const CLOUDFLARE_AUTHSERV_ID = "mx.cloudflare.net";
/** Shown in a refusal at most: the stranger's input goes back to the sending server in an SMTP reply. */
const SHOWN_CAP = 100;
/** SRS1 wraps SRS0, which wraps the original: deeper nesting is not something a forwarder produces. */
const SRS_DEPTH = 2;

// Characters no unquoted local part may hold. `\s` covers the Unicode line and paragraph separators as well.
const LOCAL_FORBIDDEN = /[\s\p{Cc}@"(),:;<>[\\\]]/u;
// Characters that would make the URL parser read something other than a host (a path, a port, a user).
const DOMAIN_FORBIDDEN = /[\s\p{Cc}/\\?#@:%[\]<>"'`^|{}(),;]/u;
const LABEL = /^[a-z0-9-]{1,63}$/;
// Each group is free of `=`, so the match is linear. SRS0=hash=tt=domain=local; SRS1 wraps an SRS0 of a first
// forwarder: SRS1=hash=forwarder==hash=tt=domain=local. The separator after SRS0 / SRS1 may be `=`, `+` or `-`.
const SRS0 = /^srs0[=+-][^=]*=[^=]*=([^=]+)=(.+)$/;
const SRS1 = /^srs1[=+-][^=]*=[^=]+=[=+-][^=]*=[^=]*=([^=]+)=(.+)$/;
const GMAIL = "gmail.com";
const AUTHENTICATION_RESULTS = /^authentication-results[ \t]*:/i;

const utf8 = new TextDecoder();

/** Canonical form of an address for comparison: lower-case, IDN domain as punycode, provider-specific tags removed. */
export function normaliseAddress(address: string): string | null {
  try {
    return normalise(address, 0);
  } catch {
    return null;
  }
}

function normalise(address: string, depth: number): string | null {
  if (typeof address !== "string" || address.length === 0 || address.length > ADDRESS_CAP) return null;
  const at = address.indexOf("@");
  if (at <= 0 || at !== address.lastIndexOf("@") || at === address.length - 1) return null;
  const rawLocal = address.slice(0, at);
  if (LOCAL_FORBIDDEN.test(rawLocal)) return null;
  const domain = canonicalDomain(address.slice(at + 1));
  if (domain === null) return null;
  let local = rawLocal.normalize("NFC").toLowerCase();

  // Classic SRS names the original sender inside the forwarder's address: the account lists the original.
  const srs = SRS0.exec(local) ?? SRS1.exec(local);
  if (srs) return depth < SRS_DEPTH ? normalise(`${srs[2]}@${srs[1]}`, depth + 1) : null;

  if (domain === GMAIL) {
    // Gmail ignores dots and delivers any `+tag` (its auto-forward envelope `name+caf_=...` included) to `name`.
    const plus = local.indexOf("+");
    if (plus !== -1) local = local.slice(0, plus);
    local = local.replaceAll(".", "");
  } else {
    // Elsewhere a `+tag` may be a distinct mailbox, but these two are forwarding envelopes, never mailboxes:
    // Google Workspace auto-forward (`+caf_=`) and Microsoft's SRS (`+SRS=`).
    const cut = firstOf(local, ["+caf_=", "+srs="]);
    if (cut !== -1) local = local.slice(0, cut);
  }
  return local.length === 0 ? null : `${local}@${domain}`;
}

function firstOf(text: string, needles: readonly string[]): number {
  let first = -1;
  for (const needle of needles) {
    const index = text.indexOf(needle);
    if (index !== -1 && (first === -1 || index < first)) first = index;
  }
  return first;
}

/**
 * Lower-case ASCII (punycode for IDN), without a trailing dot; googlemail.com is gmail.com (the same mailboxes,
 * signed and sent by the same servers). Null when it is not a host name.
 */
function canonicalDomain(domain: string): string | null {
  const bare = domain.endsWith(".") ? domain.slice(0, -1) : domain;
  if (bare.length === 0 || DOMAIN_FORBIDDEN.test(bare)) return null;
  let host: string;
  try {
    // The WHATWG URL parser applies IDNA (UTS #46) the same way in workerd and Node.
    host = new URL(`http://${bare}`).hostname;
  } catch {
    return null;
  }
  if (host.length === 0 || host.length > 253) return null;
  for (const label of host.split(".")) {
    if (!LABEL.test(label) || label.startsWith("-") || label.endsWith("-")) return null;
  }
  return host === "googlemail.com" ? GMAIL : host;
}

/** The topmost Authentication-Results header of the raw message, unfolded; null when there is none. */
export function topAuthenticationResults(raw: Uint8Array | string): string | null {
  try {
    return readTopmost(raw).value;
  } catch {
    return null;
  }
}

interface Topmost {
  /** The field value (after the colon), unfolded and trimmed. */
  value: string | null;
  /** The header block went past what is read, so a missing header proves nothing. */
  truncated: boolean;
}

/**
 * Reads the raw header block rather than `message.headers`: `headers.get()` joins repeated fields with ", ", so a
 * forged passing header below Cloudflare's failing one would read as part of Cloudflare's.
 */
function readTopmost(raw: Uint8Array | string): Topmost {
  let text: string;
  let capped: boolean;
  if (typeof raw === "string") {
    capped = raw.length > HEADER_CAP;
    text = capped ? raw.slice(0, HEADER_CAP) : raw;
  } else if (raw instanceof Uint8Array) {
    capped = raw.length > HEADER_CAP;
    text = utf8.decode(capped ? raw.subarray(0, HEADER_CAP) : raw);
  } else {
    throw new TypeError("raw message must be a string or a Uint8Array");
  }

  let found: string[] | null = null;
  let pos = 0;
  while (pos < text.length) {
    const newline = text.indexOf("\n", pos);
    // A last line without its newline was cut by the cap; when the caller gave the whole message it is complete.
    if (newline === -1 && capped) return { value: null, truncated: true };
    const end = newline === -1 ? text.length : newline;
    const line =
      text.charCodeAt(end - 1) === 13 && end > pos ? text.slice(pos, end - 1) : text.slice(pos, end);
    pos = end + 1;
    if (line.length === 0) return { value: found ? unfold(found) : null, truncated: false };
    const continued = line[0] === " " || line[0] === "\t";
    if (found) {
      if (!continued) return { value: unfold(found), truncated: false };
      found.push(line);
    } else if (!continued && AUTHENTICATION_RESULTS.test(line)) {
      found = [line.slice(line.indexOf(":") + 1)];
    }
  }
  // No empty line: the message is all header (complete unless capped, where the field may go on past the cap).
  if (capped) return { value: null, truncated: true };
  return { value: found ? unfold(found) : null, truncated: false };
}

// Unfolding removes only the line breaks: each continuation line keeps its leading white space.
function unfold(lines: readonly string[]): string {
  return lines.join("").trim();
}

interface ResultInfo {
  method: string;
  result: string;
  /** `ptype.property` (lower-case) → value, unquoted. */
  properties: Map<string, string>;
}

interface AuthenticationResults {
  authservId: string;
  results: ResultInfo[];
}

/** RFC 8601 field value: `authserv-id [version] ; method=result [reason=...] ptype.property=value ... ; ...` */
function parseAuthenticationResults(value: string): AuthenticationResults {
  const [head = "", ...rest] = splitOutsideQuotes(stripComments(value), ";");
  const authservId = unquote(tokens(head)[0] ?? "").toLowerCase();
  const results: ResultInfo[] = [];
  for (const segment of rest) {
    const [methodToken, ...others] = tokens(segment);
    if (methodToken === undefined) continue;
    const eq = methodToken.indexOf("=");
    if (eq <= 0) continue; // "none": no result of any method
    const method = methodToken.slice(0, eq).toLowerCase().replace(/\/.*$/, "");
    const result = unquote(methodToken.slice(eq + 1)).toLowerCase();
    const properties = new Map<string, string>();
    for (const token of others) {
      const split = token.indexOf("=");
      if (split <= 0) continue;
      const key = token.slice(0, split).toLowerCase();
      // The first value of a property is the one the verifier wrote; a repeat cannot override it.
      if (!properties.has(key)) properties.set(key, unquote(token.slice(split + 1)));
    }
    results.push({ method, result, properties });
  }
  return { authservId, results };
}

/** Drops RFC 5322 comments (nested, with quoted pairs) outside quoted strings, leaving a space in their place. */
function stripComments(text: string): string {
  let out = "";
  let depth = 0;
  let quoted = false;
  let start = 0; // first character of the current run copied to `out`
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (depth === 0 && c === '"') quoted = !quoted;
    else if (!quoted && c === "(") {
      if (depth === 0) out += `${text.slice(start, i)} `;
      depth++;
    } else if (!quoted && c === ")" && depth > 0) {
      depth--;
      if (depth === 0) start = i + 1;
    }
  }
  // An unclosed comment swallows the rest, as it would for any reader of the header.
  return depth === 0 ? out + text.slice(start) : out;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * Splits on white space outside quoted strings and rejoins `key = value` written with spaces around `=`. Quoted
 * strings stay quoted, so `unquote` can tell them apart.
 */
function tokens(segment: string): string[] {
  const out: string[] = [];
  let current = "";
  let i = 0;
  const n = segment.length;
  while (i < n) {
    const c = segment[i] as string;
    if (c === '"') {
      let j = i + 1;
      while (j < n && segment[j] !== '"') j += segment[j] === "\\" ? 2 : 1;
      current += segment.slice(i, Math.min(j + 1, n));
      i = j + 1;
    } else if (c === " " || c === "\t" || c === "\r" || c === "\n") {
      let j = i + 1;
      while (j < n && " \t\r\n".includes(segment[j] as string)) j++;
      if (!current.endsWith("=") && segment[j] !== "=") {
        if (current.length > 0) out.push(current);
        current = "";
      }
      i = j;
    } else {
      current += c;
      i++;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  return value.slice(1, -1).replace(/\\(.)/g, "$1");
}

/** The domain of an identity as Authentication-Results writes it: `user@domain`, `@domain` or `domain`. */
function identityDomain(identity: string): string | null {
  const bare = identity.startsWith("<") && identity.endsWith(">") ? identity.slice(1, -1) : identity;
  const domain = bare.slice(bare.lastIndexOf("@") + 1);
  return domain.length > ADDRESS_CAP ? null : canonicalDomain(domain);
}

/**
 * Did SPF (for the envelope, `smtp.mailfrom`) or DKIM (`header.d` / `header.i`) pass for exactly this domain?
 * Exact, never by suffix: `evil-gmail.com` and `gmail.com.evil.net` are other people's domains.
 */
function passesFor(results: readonly ResultInfo[], domain: string): boolean {
  let spfPass = false;
  let spfOther = false;
  for (const { method, result, properties } of results) {
    if (method === "spf") {
      const mailFrom = properties.get("smtp.mailfrom");
      if (mailFrom === undefined || identityDomain(mailFrom) !== domain) continue;
      if (result === "pass") spfPass = true;
      else spfOther = true;
    } else if (method === "dkim" && result === "pass") {
      for (const key of ["header.d", "header.i"]) {
        const identity = properties.get(key);
        if (identity !== undefined && identityDomain(identity) === domain) return true;
      }
    }
  }
  // SPF gives one answer per envelope; two that disagree mean the header says more than its verifier wrote.
  return spfPass && !spfOther;
}

export type SenderVerdict =
  | { ok: true; how: "authenticated" | "envelope-only"; address: string }
  | { ok: false; reason: string }; // plain words, fit to give to message.setReject(reason)

/** Is the envelope sender one of `own` (already normalised) and, when Cloudflare's header is there, did SPF or DKIM pass for its domain? */
export function verifySender(
  envelopeFrom: string,
  own: readonly string[],
  raw: Uint8Array | string,
): SenderVerdict {
  try {
    return verify(envelopeFrom, own, raw);
  } catch {
    // Whatever went wrong, a stranger's mail must not get in by it.
    return { ok: false, reason: "kabari could not check who sent this message" };
  }
}

function verify(envelopeFrom: string, own: readonly string[], raw: Uint8Array | string): SenderVerdict {
  const address = normaliseAddress(envelopeFrom);
  if (address === null) {
    return {
      ok: false,
      reason: `kabari accepts mail only from the addresses of this account; ${shown(envelopeFrom)} is not an email address`,
    };
  }
  // Normalising again costs little and keeps a list that was stored unnormalised from locking the person out.
  if (!own.some((candidate) => candidate === address || normaliseAddress(candidate) === address)) {
    return {
      ok: false,
      reason: `kabari accepts mail only from the addresses of this account; ${shown(envelopeFrom)} is not one of them`,
    };
  }

  const topmost = readTopmost(raw);
  if (topmost.value === null) {
    if (topmost.truncated)
      return { ok: false, reason: "the message header is too large for kabari to check who sent it" };
    // `wrangler dev` adds no Authentication-Results: the caller logs that this one was accepted by envelope only.
    return { ok: true, how: "envelope-only", address };
  }
  const header = parseAuthenticationResults(topmost.value);
  if (header.authservId !== CLOUDFLARE_AUTHSERV_ID) {
    return {
      ok: false,
      reason:
        "kabari accepts only mail checked by Cloudflare; this message has no authentication result from Cloudflare",
    };
  }
  // The domain of the normalised address: for classic SRS that is the original sender's, never the forwarder's,
  // whose SPF says nothing about who wrote the message.
  const domain = address.slice(address.lastIndexOf("@") + 1);
  if (!passesFor(header.results, domain)) {
    return { ok: false, reason: `the message did not pass SPF or DKIM for ${domain}` };
  }
  return { ok: true, how: "authenticated", address };
}

/** The stranger's input as it may appear in a refusal: printable ASCII only, and short. */
function shown(input: unknown): string {
  const text = String(input);
  const cut = text.length > SHOWN_CAP;
  return `${text.slice(0, SHOWN_CAP).replace(/[^\x20-\x7e]/g, "?")}${cut ? "..." : ""}`;
}
