/**
 * The check of a pure function's case table: `fn(input)` is `expected` (toBe). `mapsTo(fn)` is
 * the callback of an `it.each([[input, expected], …])`; `expectEach(fn, cases)` checks a table
 * inside one test.
 */
import { expect } from "vitest";

/** `(input, expected) => expect(fn(input)).toBe(expected)`. */
export const mapsTo =
  <I, O>(fn: (input: I) => O) =>
  (input: I, expected: O) => {
    expect(fn(input)).toBe(expected);
  };

/** Every `[input, expected]` of `cases`: `fn(input)` is `expected`. */
export function expectEach<I, O>(fn: (input: I) => O, cases: [I, O][]) {
  const check = mapsTo(fn);
  for (const [input, expected] of cases) check(input, expected);
}
