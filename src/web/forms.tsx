/** Small forms shared by the signed-in pages: a one-button action, and the page that confirms a deletion. */
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

const CONFIRM = {
  sure: { id: "Yakin? Ini tidak bisa dibatalkan.", en: "Are you sure? This cannot be undone." },
  cancel: { id: "Batal", en: "Cancel" },
} satisfies Record<string, Record<Lang, string>>;

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
      <p>{CONFIRM.sure[props.lang]}</p>
      <p>
        <ActionButton action={props.action} csrf={props.csrf} label={props.label} />{" "}
        <a href={props.back}>{CONFIRM.cancel[props.lang]}</a>
      </p>
    </Page>
  );
}
