/**
 * Small pieces shared by the signed-in pages: an id from the path, the not-found page, a one-button action, and
 * the page that confirms a deletion.
 */
import { CsrfField } from "./auth";
import { type Lang, Page } from "./page";

/** A POST with the form token and one button. */
export function ActionButton(props: { action: string; csrf: string; label: string }) {
  return (
    <form method="post" action={props.action} style="display:inline;margin-right:.3rem">
      <CsrfField token={props.csrf} />
      <button type="submit">{props.label}</button>
    </form>
  );
}

const WORDS = {
  sure: { id: "Yakin? Ini tidak bisa dibatalkan.", en: "Are you sure? This cannot be undone." },
  cancel: { id: "Batal", en: "Cancel" },
  back: { id: "Kembali", en: "Back" },
} satisfies Record<string, Record<Lang, string>>;

/** A row id from the path (`/applications/12`); null for anything else, which then answers 404. */
export function idOf(param: string): number | null {
  return /^\d{1,15}$/.test(param) ? Number(param) : null;
}

/** What was asked for is not there, or is another account's: the same answer for both. */
export function NotFound(props: { lang: Lang; message: string }) {
  return (
    <Page lang={props.lang} title="kabari">
      <p>{props.message}</p>
      <p>
        <a href="/">{WORDS.back[props.lang]}</a>
      </p>
    </Page>
  );
}

/**
 * A deletion asks first: its button links here (GET changes nothing), and this page's button posts. What is
 * named (`what`) may come from mail: JSX shows it as text.
 */
export function ConfirmDelete(props: {
  lang: Lang;
  title: string;
  what: string;
  action: string;
  back: string;
  csrf: string;
  label: string;
}) {
  return (
    <Page lang={props.lang} title={props.title}>
      <h1>{props.title}</h1>
      <p class="what">
        <strong>{props.what}</strong>
      </p>
      <p>{WORDS.sure[props.lang]}</p>
      <p>
        <ActionButton action={props.action} csrf={props.csrf} label={props.label} />{" "}
        <a href={props.back}>{WORDS.cancel[props.lang]}</a>
      </p>
    </Page>
  );
}
