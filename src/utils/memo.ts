/** Remembering the answers of pure, costly functions of one string. */

/**
 * `fn` with its last `max` answers remembered by argument (the oldest forgotten first). For
 * checks that a config repeats thousands of times with the same few values (cron expressions,
 * time zones): each costs a parser or an Intl object, a lookup costs nothing.
 */
export function memoize<T>(fn: (key: string) => T, max: number): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    if (known.has(key)) return known.get(key) as T;
    const value = fn(key);
    if (known.size >= max) known.delete(known.keys().next().value as string);
    known.set(key, value);
    return value;
  };
}

/** `fn`'s answer, worked out on the first call and remembered: for a costly value only some paths need. */
export function lazy<T>(fn: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = fn();
      done = true;
    }
    return value;
  };
}
