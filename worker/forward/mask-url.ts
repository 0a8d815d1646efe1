/**
 * Destination URLs as the API shows them. Receivers often authenticate with a token in the query
 * (`?token=…`) and older rows may still hold `user:password@` (rejected on input since
 * url-policy.ts), while any key of the site can read its destinations: every query value, the
 * userinfo and the fragment are replaced with `***`, keeping names so the URL stays recognisable:
 * `https://***@hooks.example/in?token=***&v=***`.
 */

/** `raw` with userinfo, query values and fragment masked; `***` when it is not a URL at all. */
export function maskUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "***";
  }
  const userinfo = url.username || url.password ? "***@" : "";
  const query = [...url.searchParams.keys()].map(
    (name) => `${encodeURIComponent(name)}${url.searchParams.get(name) ? "=***" : "="}`,
  );
  const search = query.length ? `?${[...new Set(query)].join("&")}` : "";
  return `${url.protocol}//${userinfo}${url.host}${url.pathname}${search}${url.hash ? "#***" : ""}`;
}
