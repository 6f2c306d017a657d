/**
 * When each scheduled source runs next, for thousands of sources on one timer: a min-heap of
 * fire times, so a tick costs only the sources actually due (not a cron match per source per
 * second). Each source fires on its cron schedule shifted by a stable offset within its interval
 * (`spreadOffsetMs`): 10,000 sources on `*\/30 * * * *` run spread over the 30 minutes instead of
 * all at :00 and :30. Pure: the caller passes the time; cron math is memoized per schedule.
 */
import type { SourceConfig } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import { nextRun, previousRun } from '../utils/cron.ts';
import { fnv1a32 } from '../utils/hash.ts';

interface Entry {
  at: number;
  source: SourceConfig;
  offset: number;
}

export interface TimetableOptions {
  /** Upper bound of a source's offset, in ms (default DEFAULTS.scheduleSpreadMaxMs); 0 turns spreading off. */
  spreadMaxMs?: number;
}

/** A stable offset in [0, min(interval, maxMs)) for a source id: the same on every start. */
export function spreadOffsetMs(id: string, intervalMs: number, maxMs: number): number {
  const span = Math.min(intervalMs, maxMs);
  return span > 0 ? fnv1a32(id) % Math.floor(span) : 0;
}

export class Timetable {
  readonly #heap: Entry[] = [];
  readonly #entries = new Map<string, Entry>();
  readonly #spreadMaxMs: number;
  /** Per schedule (one per distinct schedule in the config): fire times, each the next one for any time in [from, next). */
  readonly #fires = new Map<string, { from: number; next: number; interval: number }[]>();

  constructor(options: TimetableOptions = {}) {
    this.#spreadMaxMs = options.spreadMaxMs ?? DEFAULTS.scheduleSpreadMaxMs;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Adds (or replaces) a source; it first fires after `now`. */
  add(source: SourceConfig, now: number): void {
    this.remove(source.id);
    const { interval } = this.#fire(source, now);
    const offset = spreadOffsetMs(source.id, interval, this.#spreadMaxMs);
    const entry = { at: this.#fire(source, now - offset).next + offset, source, offset };
    this.#entries.set(source.id, entry);
    this.#push(entry);
  }

  /** Drops a source (its heap slot is skipped when it surfaces). */
  remove(id: string): void {
    this.#entries.delete(id);
  }

  /** When the source fires next, or undefined when it is not in the timetable. */
  nextAt(id: string): number | undefined {
    return this.#entries.get(id)?.at;
  }

  /** The earliest fire time, or undefined when empty. */
  peek(): number | undefined {
    this.#dropRemoved();
    return this.#heap[0]?.at;
  }

  /** The sources due at `now` (each once), rescheduled to their next fire after `now`. */
  due(now: number): SourceConfig[] {
    const out: SourceConfig[] = [];
    for (;;) {
      this.#dropRemoved();
      const top = this.#heap[0];
      if (!top || top.at > now) return out;
      this.#pop();
      out.push(top.source);
      const next = { ...top, at: this.#fire(top.source, now - top.offset).next + top.offset };
      this.#entries.set(top.source.id, next);
      this.#push(next);
    }
  }

  /** The schedule's first fire strictly after `after`, and the interval that follows it. */
  #fire(source: SourceConfig, after: number): { next: number; interval: number } {
    const key = `${source.schedule}\u0000${source.timezone}`;
    const ranges = this.#fires.get(key) ?? [];
    const known = ranges.find((r) => r.from <= after && after < r.next);
    if (known) return known;
    const next = nextRun(source, new Date(after)).getTime();
    const from = Math.min(after, previousRun(source, new Date(after)).getTime());
    const fire = { from, next, interval: nextRun(source, new Date(next)).getTime() - next };
    // Offsets reach back at most one interval: a few ranges per schedule cover every source on it.
    ranges.unshift(fire);
    ranges.length = Math.min(ranges.length, 4);
    this.#fires.set(key, ranges);
    return fire;
  }

  #dropRemoved(): void {
    while (this.#heap.length > 0 && this.#entries.get(this.#heap[0].source.id) !== this.#heap[0]) this.#pop();
  }

  #push(entry: Entry): void {
    const heap = this.#heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent].at <= entry.at) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const c = r < heap.length && heap[r].at < heap[l].at ? r : l;
      if (heap[c].at >= last.at) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
  }
}
