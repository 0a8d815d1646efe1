/**
 * Statements of a D1 batch marked by kind, and the ids their `RETURNING id` rows carry once the
 * batch has run: how a step learns which rows its own statements inserted (outbox rows to
 * enqueue, pending merges to run) without reading them back.
 */

/** A set of marked statements whose returned ids are of type `Id`. */
export class ReturnedIds<Id extends string | number> {
  private readonly marked = new WeakSet<object>();

  /** @param idType `typeof` the ids the marked statements return (others are skipped). */
  constructor(private readonly idType: Id extends string ? "string" : "number") {}

  /** Marks a bound statement; returns it. */
  mark<T extends object>(statement: T): T {
    this.marked.add(statement);
    return statement;
  }

  /** The ids the marked statements of a batch returned (`results` in statement order). */
  of(statements: object[], results: D1Result[]): Id[] {
    const ids: Id[] = [];
    statements.forEach((statement, i) => {
      if (!this.marked.has(statement)) return;
      for (const row of results[i]?.results ?? []) {
        const id = (row as { id?: unknown }).id;
        if (typeof id === this.idType) ids.push(id as Id);
      }
    });
    return ids;
  }
}
