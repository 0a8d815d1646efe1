/**
 * What a `… list` command answers: one GET of a list route, printed as JSON (`--json`) or as a
 * table of its `data` rows. The list commands of chatref-events.mjs and chatref-keys.mjs share it.
 */
import { request, table } from "./chatref-api.mjs";

/** GETs `pathname` and answers its rows as a table of `columns` (name → cell of a row). */
export async function listAnswer(pathname, columns) {
  const list = await request("GET", pathname);
  return { json: list, text: () => table(list.data, columns) };
}
