/**
 * Every parameter name protocol/clean-url.ts documents as removed is removed, now that the names
 * are one pattern instead of a list (smaller in widget.js): each documented name, in upper case
 * and with `-` for `_`, and behind any prefix for the suffix rule; and the names that merely
 * look alike are kept. Runs in Node (no browser): the function is the one widget.js and the
 * Worker both run.
 */
import { describe, expect, test } from "vitest";
import { cleanUrl } from "../../widget/protocol/clean-url";

/** The names clean-url.ts's header lists, word for word. */
const DOCUMENTED =
  "token access_token refresh_token id_token auth authorization auth_token jwt bearer password passwd pwd pass secret client_secret key api_key apikey session sessionid session_id sid jsessionid phpsessid code otp signature sig email e-mail mail phone".split(
    " ",
  );

/** What is left of a URL with `name=1` between two parameters that stay. */
const cleaned = (name: string) => cleanUrl(`https://shop.test/p?a=1&${name}=1&utm_source=x`);
const KEPT = "https://shop.test/p?a=1&utm_source=x";

describe("clean-url's parameter names", () => {
  test("each documented name is removed, in any case and with - or _", () => {
    for (const name of DOCUMENTED) {
      for (const form of [name, name.toUpperCase(), name.replaceAll("_", "-")])
        expect([form, cleaned(form)]).toEqual([form, KEPT]);
    }
  });

  test("any name ending in _token, _secret, _password, _key or _session is removed", () => {
    for (const suffix of ["token", "secret", "password", "key", "session"])
      for (const name of [`shop_${suffix}`, `x-y_${suffix}`, `_${suffix}`, `a%5F${suffix}`])
        expect([name, cleaned(name)]).toEqual([name, KEPT]);
  });

  test("names that only look alike are kept byte for byte", () => {
    for (const name of [
      "tokens",
      "keyword",
      "session2",
      "token_id",
      "passage",
      "sids",
      "codes",
      "phones",
      "email_opt",
      "mailing",
      "signatures",
      "id",
      "gclid",
      "utm_campaign",
    ]) {
      const url = `https://shop.test/p?a=1&${name}=1&utm_source=x`;
      expect([name, cleanUrl(url)]).toEqual([name, url]);
    }
  });
});
