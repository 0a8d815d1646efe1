/**
 * Styles of the opt-in label under `<chatref-button>` (`::part(optin)` themes it); on a floating
 * button it sits on a white card so it stays readable over the page.
 */
// A plain string (box.ts adopts it as one stylesheet; Lit's css`` tag is not in the
// bundle); the build minifies css`` literals by name.
const css = String.raw;

export const optinStyles = css`
  label {
    display: block;
    max-width: 20em;
  }
  :host([floating]) label {
    background: #fff;
    color: #1f2328;
  }
`;
