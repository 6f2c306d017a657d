/**
 * Outbound proxies on Node: the standard HTTPS_PROXY / HTTP_PROXY / NO_PROXY variables (read here,
 * in the runtime, and nowhere else), the config's global `proxy` (which wins over the variables;
 * NO_PROXY still applies), and a source's own `request.proxy`. Built on undici's
 * EnvHttpProxyAgent and ProxyAgent: http origins are forwarded, https origins tunnelled (CONNECT).
 * Without a proxy, connections keep the public-address check of publicOnlyFetch.
 */
import { Agent, EnvHttpProxyAgent, ProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { publicOnlyLookup } from './net.ts';

/** The proxy variables of the environment (upper or lower case; the lower-case one wins, as in curl). */
export interface ProxyEnv {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

export function proxyEnvFrom(env: Record<string, string | undefined>): ProxyEnv {
  const pick = (name: string) => (env[name.toLowerCase()] ?? env[name])?.trim() || undefined;
  const out: ProxyEnv = {};
  const http = pick('HTTP_PROXY');
  const https = pick('HTTPS_PROXY');
  const no = pick('NO_PROXY');
  if (http) out.httpProxy = http;
  if (https) out.httpsProxy = https;
  if (no) out.noProxy = no;
  return out;
}

export interface Outbound {
  /** The fetch every request uses (undefined: the platform's, when nothing needs changing). */
  fetch: typeof fetch | undefined;
  /** A fetch through `proxy` (a source's `request.proxy`), one agent per proxy URL. */
  proxied: (proxy: string) => typeof fetch;
  close(): Promise<void>;
}

const via = (dispatcher: Dispatcher): typeof fetch =>
  ((input: string | URL, init?: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;

/**
 * The outbound fetches for a config: `proxy` is the config's global one; `env` the variables.
 * `allowPrivateNetworks` false keeps the connect-time address check on direct connections.
 */
export function outbound(options: { allowPrivateNetworks: boolean; proxy?: string; env?: ProxyEnv }): Outbound {
  const connect = options.allowPrivateNetworks ? {} : { connect: { lookup: publicOnlyLookup() as never } };
  const env = options.env ?? {};
  const httpProxy = options.proxy ?? env.httpProxy;
  const httpsProxy = options.proxy ?? env.httpsProxy ?? env.httpProxy;
  const dispatchers: Dispatcher[] = [];
  let main: Dispatcher | undefined;
  if (httpProxy || httpsProxy) {
    // Empty strings, not undefined: the agent must not read process.env itself.
    // proxyTunnel false: http origins are forwarded as plain requests (what every forward proxy
    // takes); https ones are tunnelled with CONNECT whatever it says. Passed on to the ProxyAgents.
    const opts = { ...connect, proxyTunnel: false, httpProxy: httpProxy ?? '', httpsProxy: httpsProxy ?? '', noProxy: env.noProxy ?? '' };
    main = new EnvHttpProxyAgent(opts as EnvHttpProxyAgent.Options);
  } else if (!options.allowPrivateNetworks) {
    main = new Agent(connect);
  }
  if (main) dispatchers.push(main);
  const perProxy = new Map<string, typeof fetch>();
  return {
    fetch: main ? via(main) : undefined,
    proxied(proxy) {
      let f = perProxy.get(proxy);
      if (!f) {
        const agent = new ProxyAgent({ uri: proxy, proxyTunnel: false });
        dispatchers.push(agent);
        f = via(agent);
        perProxy.set(proxy, f);
      }
      return f;
    },
    async close() {
      await Promise.allSettled(dispatchers.map((d) => d.close()));
    },
  };
}
