/**
 * Styles of the opt-in label under `<chatref-button>` (`::part(optin)` themes it); on a floating
 * button it sits on a white card so it stays readable over the page.
 */
import { css } from "lit";

export const optinStyles = css`
  label {
    display: block;
    max-width: 20em;
  }
  :host([floating]) label {
    background: #fff;
  }
`;
