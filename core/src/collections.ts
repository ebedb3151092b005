/**
 * `target.push(...items)` passes every item as an argument and overflows the stack past ~100,000
 * items (a pasted 200,000-unit list); this appends in a loop.
 */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
