/** With an external hub configured (`websub.hub`), feedChanged pings it for each format of the feed. */
import type { SourceConfig } from '../config/types.ts';
import { feedUrl } from '../render/urls.ts';
import { outgoing, postWithRetries, type OutgoingOptions } from './delivery.ts';
import { Tasks } from './tasks.ts';
import { FORMATS, type WebSub } from './types.ts';

export interface ExternalHubOptions extends OutgoingOptions {
  /** The external hub's URL (config `websub.hub`). */
  hub: string;
  sources: () => SourceConfig[] | Promise<SourceConfig[]>;
}

/** Pings an external hub with `hub.mode=publish&hub.url=<topic>` for each format of a changed feed. */
export function externalHub(options: ExternalHubOptions): WebSub {
  const { fetch, retryDelays, timeoutMs, userAgent, log, baseUrl } = outgoing(options);
  const tasks = new Tasks(log);

  function ping(topic: string): Promise<void> {
    return postWithRetries({
      fetch, timeoutMs, retryDelays, log,
      sleep: (ms) => tasks.sleep(ms),
      label: `publish ping for ${topic} to ${options.hub}`,
      attempt: async () => ({
        url: options.hub,
        body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': userAgent },
      }),
    });
  }

  return {
    hub: options.hub,
    feedChanged(sourceId, background) {
      const work = (async () => {
        if (!(await options.sources()).some((s) => s.id === sourceId)) return;
        for (const format of FORMATS) tasks.add(ping(feedUrl(baseUrl, sourceId, format)), background);
      })();
      tasks.add(work, background);
      return work;
    },
    idle: () => tasks.idle(),
    close: () => tasks.close(),
  };
}
