/**
 * The Node runtime wires notifications: `${NAME}` references resolve from the environment it is
 * given, a run's notifications are queued and delivered by the notifier, signed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openContext, settingsFrom, type NodeContext } from '../../../src/runtime/node/context.ts';
import { hmacSha256Hex } from '../../../src/utils/hash.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { defaultConfig, demoWorkspace } from '../../helpers/demo-config.ts';

let ws: ReturnType<typeof demoWorkspace> | null = null;
let ctx: NodeContext | null = null;
let receiver: Origin | null = null;
afterEach(async () => {
  await ctx?.close();
  await receiver?.close();
  ws?.cleanup();
  ctx = null;
  ws = null;
  receiver = null;
});

const config = (hook: string) => `allowPrivateNetworks: true
notify:
  - url: ${hook}
    secret: \${HOOK_SECRET}
${defaultConfig()}`;

describe('notifications on Node', () => {
  it('delivers the signed notifications of a run, the secret read from the environment', async () => {
    receiver = await startOrigin({ host: '127.0.0.6', routes: { '/hook': (_req, res) => { res.end(); } } });
    ws = demoWorkspace(config(receiver.at('/hook')));
    const logs: string[] = [];
    const env = { HOOK_SECRET: 'node-hook-secret-5' };
    ctx = await openContext({ ...settingsFrom({ config: ws.config, db: ws.db, port: '0' }, env), extractThreads: 0 }, (l) => logs.push(l));
    const report = await ctx.runner.run(ctx.config.sources[0]);
    expect(report.created).toBe(5);
    await receiver.until(() => receiver!.received.filter((r) => r.path === '/hook').length >= 2, 10_000);
    const got = receiver.received.filter((r) => r.path === '/hook');
    expect(got.map((r) => r.headers['x-feedwright-event']).sort()).toEqual(['items.new', 'source.state']);
    for (const r of got) expect(r.headers['x-feedwright-signature']).toBe(`sha256=${await hmacSha256Hex(env.HOOK_SECRET, r.body)}`);
    expect(logs.join('\n')).not.toContain(env.HOOK_SECRET);
  });

  it('refuses to start when a referenced variable is not set, naming it', async () => {
    ws = demoWorkspace(config('http://127.0.0.1:9/hook'));
    await expect(openContext(settingsFrom({ config: ws.config, db: ws.db, port: '0' }, {}), () => {}))
      .rejects.toThrow(/notify\[0\]\.secret: environment variable HOOK_SECRET is not set/);
  });
});
