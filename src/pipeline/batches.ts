/**
 * Stores a run's items while the run is still reading pages: results arrive in any order, are
 * written in queue order in batches of `batchSize` (one write at a time), so a crash mid-run loses
 * at most the batch in flight and what was not read yet.
 */
export interface OrderedBatches<T> {
  /** Slot `index` is finished: its item, or undefined when reading it failed. */
  complete(index: number, item: T | undefined): void;
  /** Writes what is left and waits for every write; resolves to the number of items written. */
  finish(): Promise<number>;
}

export function orderedBatches<T>(
  count: number, batchSize: number, save: (items: T[]) => Promise<void>,
): OrderedBatches<T> {
  const slots: (T | undefined)[] = new Array(count);
  const done: boolean[] = new Array(count).fill(false);
  const size = Math.max(1, Math.floor(batchSize));
  let flushed = 0;
  let written = 0;
  let writing: Promise<void> = Promise.resolve();

  /** Write the finished prefix once it holds a full batch (or anything, when `final`). */
  const flush = (final: boolean) => {
    let end = final ? count : flushed;
    while (end < count && done[end]) end++;
    const batch = slots.slice(flushed, end).filter((x): x is T => x !== undefined);
    if (batch.length === 0 || (!final && batch.length < size)) return;
    for (let i = flushed; i < end; i++) slots[i] = undefined; // written items need not stay in memory
    flushed = end;
    written += batch.length;
    writing = writing.then(() => save(batch));
    writing.catch(() => {}); // reported by finish()
  };

  return {
    complete(index, item) {
      slots[index] = item;
      done[index] = true;
      flush(false);
    },
    async finish() {
      flush(true);
      await writing;
      return written;
    },
  };
}
