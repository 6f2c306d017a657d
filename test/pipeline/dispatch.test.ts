import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/config/types.ts';
import { Dispatcher, sourceHost } from '../../src/pipeline/dispatch.ts';
import { makeSource } from '../../testkit/sources.ts';

const base = makeSource({ id: 'base' });
const src = (id: string, host: string): SourceConfig => ({ ...base, id, url: `https://${host}/news/` });

/** A run function whose runs finish only when the test says so, recording what ran when. */
function harness() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  let running = 0;
  let peak = 0;
  const perHost = new Map<string, number>();
  let peakPerHost = 0;
  const run = (source: SourceConfig) => new Promise<void>((resolve) => {
    started.push(source.id);
    running++;
    peak = Math.max(peak, running);
    const host = sourceHost(source);
    perHost.set(host, (perHost.get(host) ?? 0) + 1);
    peakPerHost = Math.max(peakPerHost, perHost.get(host)!);
    finish.set(source.id, () => {
      running--;
      perHost.set(host, perHost.get(host)! - 1);
      resolve();
    });
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const finishAll = async () => {
    await settle();
    while (finish.size > 0) {
      for (const [id, done] of [...finish]) {
        finish.delete(id);
        done();
      }
      await settle();
    }
  };
  return { run, started, finish, settle, finishAll, peak: () => peak, peakPerHost: () => peakPerHost };
}

describe('Dispatcher', () => {
  it('queues a stampede: 10,000 due sources start at most maxConcurrent at a time, and all run', async () => {
    const h = harness();
    const d = new Dispatcher({ run: h.run, maxConcurrent: 8, maxPerHost: 2 });
    for (let i = 0; i < 10_000; i++) d.enqueue(src(`s${i}`, `site${i % 100}.example`));
    await h.settle();
    expect(d.running).toBe(8);
    expect(d.waiting).toBe(10_000 - 8);
    await h.finishAll();
    await d.idle();
    expect(h.started).toHaveLength(10_000);
    expect(new Set(h.started).size).toBe(10_000);
    expect(h.peak()).toBe(8);
    expect(h.peakPerHost()).toBeLessThanOrEqual(2);
  });

  it('never runs more than maxPerHost sources of one host, even with free slots', async () => {
    const h = harness();
    const d = new Dispatcher({ run: h.run, maxConcurrent: 10, maxPerHost: 2 });
    for (let i = 0; i < 6; i++) d.enqueue(src(`a${i}`, 'crowded.example'));
    await h.settle();
    expect(h.started).toEqual(['a0', 'a1']);
    h.finish.get('a0')!();
    await h.settle();
    expect(h.started).toEqual(['a0', 'a1', 'a2']);
    await h.finishAll();
    expect(h.peakPerHost()).toBe(2);
  });

  it('serves hosts in turn: a slow, crowded host does not starve the others', async () => {
    const h = harness();
    const d = new Dispatcher({ run: h.run, maxConcurrent: 3, maxPerHost: 1 });
    for (let i = 0; i < 50; i++) d.enqueue(src(`slow${i}`, 'slow.example'));
    for (const host of ['b', 'c']) for (let i = 0; i < 3; i++) d.enqueue(src(`${host}${i}`, `${host}.example`));
    await h.settle();
    expect(h.started).toEqual(['slow0', 'b0', 'c0']);
    // slow0 never finishes; b and c take turns through the remaining slots.
    for (const id of ['b0', 'c0', 'b1', 'c1']) {
      h.finish.get(id)!();
      h.finish.delete(id);
      await h.settle();
    }
    expect(h.started).toEqual(['slow0', 'b0', 'c0', 'b1', 'c1', 'b2', 'c2']);
    expect(h.started.filter((id) => id.startsWith('slow'))).toEqual(['slow0']);
  });

  it('takes hosts round robin when all are ready', async () => {
    const h = harness();
    const d = new Dispatcher({ run: h.run, maxConcurrent: 1, maxPerHost: 1 });
    d.enqueue(src('first', 'z.example')); // holds the only slot while the others queue
    for (const host of ['a', 'b', 'c']) for (let i = 0; i < 2; i++) d.enqueue(src(`${host}${i}`, `${host}.example`));
    await h.finishAll();
    await d.idle();
    expect(h.started).toEqual(['first', 'a0', 'b0', 'c0', 'a1', 'b1', 'c1']);
  });

  it('does not queue a source twice, and lets a waiting one be removed', async () => {
    const h = harness();
    const d = new Dispatcher({ run: h.run, maxConcurrent: 1, maxPerHost: 1 });
    const a = src('a', 'a.example');
    const b = src('b', 'b.example');
    const c = src('c', 'c.example');
    d.enqueue(a);
    d.enqueue(a); // running
    d.enqueue(b);
    d.enqueue(b); // waiting
    d.enqueue(c);
    d.remove('c');
    expect(d.waiting).toBe(1);
    await h.finishAll();
    await d.idle();
    expect(h.started).toEqual(['a', 'b']);
  });

  it('frees the slot of a run that rejects', async () => {
    let calls = 0;
    const d = new Dispatcher({ run: async () => { calls++; throw new Error('boom'); }, maxConcurrent: 1 });
    d.enqueue(src('a', 'a.example'));
    d.enqueue(src('b', 'b.example'));
    await d.idle();
    expect(calls).toBe(2);
    expect(d.running).toBe(0);
  });

  it('counts a source without a URL as a host of its own', () => {
    expect(sourceHost({ id: 'pushed' })).toBe('#pushed');
    expect(sourceHost({ id: 'x', url: 'https://Example.com:8443/a' })).toBe('example.com:8443');
  });
});
