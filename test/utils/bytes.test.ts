import { describe, expect, it } from 'vitest';
import { concatBytes, readCapped } from '../../src/utils/bytes.ts';

function stream(...chunks: number[][]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(new Uint8Array(chunk));
      c.close();
    },
  });
}

describe('utils/bytes', () => {
  it('truncate keeps the first `max` bytes, across chunk boundaries', async () => {
    const kept: number[][] = [];
    for (const max of [0, 2, 4, 5, 10]) kept.push([...(await readCapped(stream([1, 2, 3], [4, 5]), max, { overflow: 'truncate' }))]);
    expect(kept).toEqual([[], [1, 2], [1, 2, 3, 4], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]]);
  });

  it('throw raises the caller\'s error past the cap and returns the bytes at the cap', async () => {
    await expect(readCapped(stream([1, 2, 3], [4]), 3, { overflow: 'throw', tooLarge: () => new Error('too big: u') })).rejects.toThrow('too big: u');
    await expect(readCapped(stream([1, 2, 3]), 2, { overflow: 'throw' })).rejects.toThrow('larger than 2 bytes');
    expect([...(await readCapped(stream([1, 2], [3]), 3, { overflow: 'throw' }))]).toEqual([1, 2, 3]);
    expect((await readCapped(null, 3, { overflow: 'throw' })).length).toBe(0);
  });

  it('concatBytes joins chunks', () => {
    expect([...concatBytes([new Uint8Array([1]), new Uint8Array([2, 3])], 3)]).toEqual([1, 2, 3]);
  });
});
