/**
 * Array edits that take a list of any length. A spread (`a.push(...items)`,
 * `a.splice(i, n, ...items)`) passes every item as an argument on the stack: the nodes of a page
 * (200,000 of them fit in a fetch's 5 MiB) overflow it, and the extraction throws.
 */

/** `array.push(...items)`, for any number of items. */
export function pushAll<T>(array: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) array.push(items[i]);
}

/** `array.splice(at, remove, ...items)`, for any number of items. */
export function spliceAll<T>(array: T[], at: number, remove: number, items: readonly T[]): void {
  const tail = array.splice(at);
  pushAll(array, items);
  for (let i = remove; i < tail.length; i++) array.push(tail[i]);
}
