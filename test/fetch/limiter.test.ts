import { describe, expect, it } from 'vitest';
import { createKeyedLimiter } from '../../src/fetch/limiter.ts';

/** Resolves after pending promise callbacks have run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createKeyedLimiter', () => {
  it('grants up to the limit per key and queues the rest in order', async () => {
    const limiter = createKeyedLimiter(2);
    const order: string[] = [];
    const take = (key: string, name: string) =>
      limiter.acquire(key).then((release) => {
        order.push(name);
        return release;
      });
    const a1 = take('a', 'a1');
    const a2 = take('a', 'a2');
    const a3 = take('a', 'a3');
    const a4 = take('a', 'a4');
    const b1 = take('b', 'b1');
    await settle();
    expect(order).toEqual(['a1', 'a2', 'b1']);
    (await a2)();
    (await a2)(); // releasing twice frees one slot only
    await settle();
    expect(order).toEqual(['a1', 'a2', 'b1', 'a3']);
    (await a1)();
    await settle();
    expect(order).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
    for (const p of [a3, a4, b1]) (await p)();
  });

  it('drops a waiter whose signal aborts, without losing the slot', async () => {
    const limiter = createKeyedLimiter(1);
    const first = await limiter.acquire('h');
    const controller = new AbortController();
    const waiting = limiter.acquire('h', controller.signal);
    const next = limiter.acquire('h');
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    first();
    const release = await next;
    release();
    // The key is idle again: a fresh acquire is granted at once.
    let granted = false;
    limiter.acquire('h').then(() => (granted = true));
    await settle();
    expect(granted).toBe(true);
  });

  it('rejects a limit below 1', () => {
    expect(() => createKeyedLimiter(0)).toThrow(RangeError);
  });
});
