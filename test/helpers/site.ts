// The starting point most site tests share: a fresh store, the demo invitation delivered (which creates the
// deployment's first account, digest you@example.com, with an interview on Mon 8 Dec 2025 10:00 WIB), and a
// second person, Bob, whose data must never show.
import { env } from "cloudflare:workers";
import { type Account, createAccount, database, insertApplication } from "../../src/db/queries";
import { Browser, clearSent, signIn } from "./browser";
import { authenticated, deliver } from "./email";
import { fromBase64 } from "./fixtures";
import { resetStorage } from "./storage";

const invitation = Object.values(
  import.meta.glob<string>("../fixtures/thread/01-invitation.eml", {
    query: "?bytes",
    import: "default",
    eager: true,
  }),
)[0];

export const BOB_ADDRESS = "bob@example.org";

/** Empties storage and mail, delivers the invitation, and returns the account it created. */
export async function startWithInvitation(): Promise<Account> {
  await resetStorage();
  clearSent();
  const delivery = await deliver(authenticated(fromBase64(invitation)));
  if (delivery.rejected.length)
    throw new Error(`the invitation was refused: ${delivery.rejected.join("; ")}`);
  const [account] = await database(env.DB).query.accounts.findMany();
  return account;
}

/** A second account, in English. */
export async function createBob(): Promise<Account> {
  return createAccount(
    database(env.DB),
    {
      inboundAddress: "bob-in@example.org",
      senders: [BOB_ADDRESS],
      digestAddress: BOB_ADDRESS,
      zone: "Asia/Jakarta",
      language: "en",
    },
    Date.now(),
  );
}

/** A browser signed in through the emailed link. */
export async function signedIn(email: string): Promise<Browser> {
  const browser = new Browser();
  const response = await signIn(browser, email);
  if (response.status !== 303) throw new Error(`sign-in as ${email} answered ${response.status}`);
  return browser;
}

/** Bob, with an application of his own that nobody else may see. */
export async function bobWithApplication(): Promise<{ account: Account; appId: number }> {
  const account = await createBob();
  const app = await insertApplication(database(env.DB), {
    accountId: account.id,
    company: "Bob's Secret Employer",
    position: "Engineer",
    createdAt: Date.now(),
    updatedAt: Date.now(),
  });
  return { account, appId: app.id };
}
