/**
 * `target.push(...items)` passes every item as an argument and overflows the stack past ~100,000
 * items (a pasted 200,000-unit list); this appends in a loop.
 */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

/**
 * `items` in an array of their exact size. A pushed-to array keeps room for 17 items; a model
 * holds hundreds of thousands of short lists (units, targets, text pieces) and would pay for it.
 */
export function exactSize<T>(items: T[]): T[] {
  return items.length ? items.slice() : items;
}
