/**
 * Lit property declarations by kind, so an element names each reactive property once, grouped
 * by how it gets its value (the repeated `{ attribute: false }` / `{ state: true }` objects went).
 * Names of one kind share one declaration object: Lit only reads it (a `state` one it marks
 * `attribute: false`, which it already is in effect).
 */
import type { PropertyDeclaration, PropertyDeclarations } from "lit";

const kind =
  (declaration: PropertyDeclaration) =>
  (...names: string[]): PropertyDeclarations =>
    Object.fromEntries(names.map((name) => [name, declaration]));

/** Set by the parent element as JavaScript values (no attribute). */
export const inputs = kind({ attribute: false });

/** Set from the lower-cased attribute of the same name, or by the parent. */
export const attributes = kind({});

/** Internal reactive state: re-renders, never set from outside. */
export const states = kind({ state: true });
