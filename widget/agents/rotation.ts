/** The rotation (`data-rotate="on"`, widget-agents.js): one agent picked by weight. */

/**
 * One of `items` with a chance proportional to its `weight` (`random` in [0, 1), injectable for
 * tests); undefined when no item has a positive weight. Callers pass only online agents.
 */
export function weightedPick<T extends { weight: number }>(
  items: readonly T[],
  random: () => number = Math.random,
): T | undefined {
  const total = items.reduce((n, item) => n + item.weight, 0);
  if (!(total > 0)) return undefined;
  let r = random() * total;
  let last: T | undefined;
  for (const item of items) {
    if (item.weight <= 0) continue;
    last = item;
    r -= item.weight;
    if (r < 0) return item;
  }
  // Rounding left a sliver past the end: the last item that can be picked.
  return last;
}
