/**
 * The base of the dashboard's site elements (panels, cards, forms): what each takes from the
 * shell to call the API and show its dates, declared once.
 */
import { LitElement } from "lit";
import type { Lang } from "./i18n";
import { attributes, inputs } from "./properties";

export class SiteElement extends LitElement {
  static override properties = { ...inputs("apiKey", "readOnly"), ...attributes("locale", "tz") };
  /** The API key every request sends. */
  apiKey = "";
  /** A `read` API key: the element offers nothing that writes. */
  readOnly = false;
  locale: Lang = "en";
  /** The site's time zone: dates are shown, and ranges chosen, as its local days. */
  tz = "UTC";
}
