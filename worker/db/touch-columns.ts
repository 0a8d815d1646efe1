/** Moves a touch between its wire form (snake_case TOUCH_FIELDS) and the clicks table's columns. */
import { TOUCH_FIELDS, type Touch, type TouchField } from "../../widget/protocol/click-beacon";

type Camel<S extends string> = S extends `${infer H}_${infer T}`
  ? `${H}${Capitalize<Camel<T>>}`
  : S;
export type TouchColumns = { [K in TouchField as Camel<K>]: string | null };

const camel = (field: string) => field.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
const COLUMN_OF = Object.fromEntries(TOUCH_FIELDS.map((f) => [f, camel(f)])) as Record<
  TouchField,
  keyof TouchColumns
>;

/** Touch → column values (absent fields become null). */
export function touchToColumns(touch: Touch): TouchColumns {
  const out = {} as TouchColumns;
  for (const f of TOUCH_FIELDS) out[COLUMN_OF[f]] = touch[f] ?? null;
  return out;
}

/** Column values → the lead JSON's `touch` object (every field present, null when unknown). */
export function columnsToTouch(
  row: Partial<TouchColumns> | null | undefined,
): Record<TouchField, string | null> {
  const out = {} as Record<TouchField, string | null>;
  for (const f of TOUCH_FIELDS) out[f] = row?.[COLUMN_OF[f]] ?? null;
  return out;
}
