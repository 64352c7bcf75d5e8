/**
 * One-click actions in the digest: signed, expiring, single-use links. A link only opens a confirmation page;
 * its button POSTs, because mail scanners fetch every link in a message.
 */

export type LinkAction = "sent" | "snooze" | "stop";

export interface LinkClaim {
  reminderId: number;
  action: LinkAction;
  /** UTC ms after which the link no longer works. */
  expires: number;
  /** Single use: the nonce is recorded when the action is done. */
  nonce: string;
}

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(s) || s.length % 4 === 1) return null;
  const binary = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function key(secret: string): Promise<CryptoKey> {
  // A key of its own, derived from the admin secret: one secret to set, separate uses.
  const base = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const derived = new Uint8Array(
    await crypto.subtle.sign("HMAC", base, encoder.encode("kabari digest links v1")),
  );
  return crypto.subtle.importKey("raw", derived, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}

export async function signLink(secret: string, claim: LinkClaim): Promise<string> {
  const payload = base64url(
    encoder.encode(JSON.stringify([claim.reminderId, claim.action, claim.expires, claim.nonce])),
  );
  const signature = new Uint8Array(
    await crypto.subtle.sign("HMAC", await key(secret), encoder.encode(payload)),
  );
  return `${payload}.${base64url(signature)}`;
}

/** The claim of a well-signed, unexpired token; null for anything else. */
export async function readLink(secret: string, token: string, now: number): Promise<LinkClaim | null> {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const sig = fromBase64url(signature);
  const body = fromBase64url(payload);
  if (!sig || !body) return null;
  const ok = await crypto.subtle.verify("HMAC", await key(secret), sig, encoder.encode(payload));
  if (!ok) return null;
  try {
    const [reminderId, action, expires, nonce] = JSON.parse(new TextDecoder().decode(body));
    const valid =
      Number.isInteger(reminderId) &&
      ["sent", "snooze", "stop"].includes(action) &&
      Number.isFinite(expires) &&
      typeof nonce === "string";
    if (!valid || expires < now) return null;
    return { reminderId, action, expires, nonce };
  } catch {
    return null;
  }
}

/** How long a digest's links work: a week, long enough for a digest read late. */
export const LINK_LIFETIME_MS = 7 * 86400000;

export async function actionLinks(
  secret: string,
  baseUrl: string,
  reminderId: number,
  now: number,
): Promise<{ sent: string; snooze: string; stop: string }> {
  const link = async (action: LinkAction) =>
    `${baseUrl}/a/${await signLink(secret, { reminderId, action, expires: now + LINK_LIFETIME_MS, nonce: crypto.randomUUID() })}`;
  return { sent: await link("sent"), snooze: await link("snooze"), stop: await link("stop") };
}
