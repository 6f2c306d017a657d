import { describe, expect, it } from 'vitest';
import { resolveEnvRefs } from '../../src/config/env-refs.ts';
import { maskConfig, maskSource, redact, secretValues } from '../../src/config/mask.ts';
import { ConfigError } from '../../src/config/messages.ts';
import { parseConfig } from '../../src/config/parse-config.ts';
import { DEFAULTS } from '../../src/defaults.ts';
import { configIssues } from '../helpers/config-error.ts';

const CONFIG = `
notify:
  - url: https://hooks.example.org/all
  - url: \${SLACK_URL}
    format: slack
    events: [source.state]
proxy: http://\${PROXY_USER}:\${PROXY_PASS}@proxy.example.net:3128
sources:
  - id: news
    url: https://news.example.org/
    request:
      headers: { Authorization: "Bearer \${NEWS_TOKEN}", X-Plain: visible-header }
      cookies: { session: "\${NEWS_COOKIE}" }
      userAgent: MyReader/2.0
      proxy: http://proxy.example.net:8080
    notify:
      - url: https://ntfy.example.net/feeds-news
        format: ntfy
        secret: \${HOOK_SECRET}
`;

const ENV = {
  SLACK_URL: 'https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX',
  PROXY_USER: 'proxyuser', PROXY_PASS: 'proxypass123',
  NEWS_TOKEN: 'tok-abcdef123456', NEWS_COOKIE: 'cookie-zyxw9876', HOOK_SECRET: 'hmac-secret-42',
};

describe('notify, request and proxy in the config', () => {
  it('parses webhooks with their defaults, and request options as written', () => {
    const config = parseConfig(CONFIG, 'sources.yaml');
    expect(config.notify).toEqual([
      { url: 'https://hooks.example.org/all', events: [...DEFAULTS.notifyEvents], format: 'json' },
      { url: '${SLACK_URL}', events: ['source.state'], format: 'slack' },
    ]);
    expect(config.sources[0].request).toEqual({
      headers: { Authorization: 'Bearer ${NEWS_TOKEN}', 'X-Plain': 'visible-header' },
      cookies: { session: '${NEWS_COOKIE}' }, userAgent: 'MyReader/2.0', proxy: 'http://proxy.example.net:8080',
    });
    expect(config.sources[0].notify).toEqual([
      { url: 'https://ntfy.example.net/feeds-news', events: [...DEFAULTS.notifyEvents], format: 'ntfy', secret: '${HOOK_SECRET}' },
    ]);
  });

  it('names the file, the source and the field of each problem', () => {
    const issues = configIssues(`
notify:
  - url: ftp://x.example/
    events: [items.deleted]
sources:
  - id: a
    url: https://a.example/
    request:
      headers: { "Bad Header": x }
      cookies: { s: "a;b" }
      proxy: not-a-url
      timeout: 3
    notify:
      - url: https://h.example/
        format: teams
        secret: \${BAD-NAME}
`);
    expect(issues).toEqual(expect.arrayContaining([
      expect.stringMatching(/^sources\.yaml: notify\[0\]\.url: must be an absolute http\(s\) URL/),
      expect.stringMatching(/^sources\.yaml: notify\[0\]\.events\[0\]: must be one of source\.state, items\.new, items\.updated/),
      expect.stringMatching(/^sources\.yaml: source "a" \(sources\[0\]\): request\.headers\.Bad Header: .*not a valid header name/),
      expect.stringMatching(/^sources\.yaml: source "a" \(sources\[0\]\): request\.cookies\.s: a cookie value must not contain/),
      expect.stringMatching(/^sources\.yaml: source "a" \(sources\[0\]\): request\.proxy: must be an absolute http\(s\) URL/),
      'sources.yaml: source "a" (sources[0]): request.timeout: unknown key',
      expect.stringMatching(/^sources\.yaml: source "a" \(sources\[0\]\): notify\[0\]\.format: must be one of json, slack, discord, ntfy/),
      expect.stringMatching(/^sources\.yaml: source "a" \(sources\[0\]\): notify\[0\]\.secret: "\$\{BAD-NAME\}" is not a valid reference/),
    ]));
  });

  it('bounds the number of webhooks', () => {
    const many = Array.from({ length: DEFAULTS.maxNotifyTargets + 1 }, (_, i) => `  - url: https://h${i}.example/\n`).join('');
    expect(configIssues(`notify:\n${many}sources: []\n`)).toEqual([`sources.yaml: notify: must list at most ${DEFAULTS.maxNotifyTargets} webhooks`]);
  });

  it('resolves ${NAME} references from the environment it is given', () => {
    const config = resolveEnvRefs(parseConfig(CONFIG, 'sources.yaml'), ENV, 'sources.yaml');
    expect(config.notify![1].url).toBe(ENV.SLACK_URL);
    expect(config.proxy).toBe('http://proxyuser:proxypass123@proxy.example.net:3128');
    expect(config.sources[0].request!.headers).toEqual({ Authorization: 'Bearer tok-abcdef123456', 'X-Plain': 'visible-header' });
    expect(config.sources[0].request!.cookies).toEqual({ session: 'cookie-zyxw9876' });
    expect(config.sources[0].notify![0].secret).toBe('hmac-secret-42');
  });

  it('a missing variable is a config error naming the source, the field and the variable', () => {
    const { NEWS_TOKEN: _, SLACK_URL: __, ...partial } = ENV;
    let error: unknown;
    try {
      resolveEnvRefs(parseConfig(CONFIG, 'sources.yaml'), partial, 'sources.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      'sources.yaml: source "news": request.headers.Authorization: environment variable NEWS_TOKEN is not set (referenced as ${NEWS_TOKEN})',
      'sources.yaml: notify[1].url: environment variable SLACK_URL is not set (referenced as ${SLACK_URL})',
    ]);
  });

  it('a variable holding something that is not a URL is refused without repeating it', () => {
    const config = parseConfig('proxy: ${P}\nsources: []\n', 'sources.yaml');
    expect(() => resolveEnvRefs(config, { P: 'secret words' }, 'sources.yaml'))
      .toThrow(/^sources\.yaml: proxy: must be an absolute http\(s\) URL once its environment variables are substituted$/);
  });
});

describe('masking secrets', () => {
  const resolved = () => resolveEnvRefs(parseConfig(CONFIG, 'sources.yaml'), ENV, 'sources.yaml');

  it('shows every secret of a config as ***, keeping what is not secret', () => {
    const masked = maskConfig(resolved());
    const text = JSON.stringify(masked);
    for (const value of Object.values(ENV)) expect(text).not.toContain(value);
    expect(masked.notify![1].url).toBe('https://hooks.slack.com/***');
    expect(masked.proxy).toBe('http://***@proxy.example.net:3128/');
    expect(masked.sources[0].request).toEqual({
      headers: { Authorization: '***', 'X-Plain': '***' }, cookies: { session: '***' }, userAgent: 'MyReader/2.0', proxy: 'http://proxy.example.net:8080/',
    });
    expect(masked.sources[0].notify![0]).toMatchObject({ url: 'https://ntfy.example.net/***', secret: '***', format: 'ntfy' });
    expect(maskSource({ id: 'x' })).toEqual({ id: 'x' });
  });

  it('redacts secret values from log lines', () => {
    const config = resolved();
    const line = `GET failed with Bearer ${ENV.NEWS_TOKEN}, cookie ${ENV.NEWS_COOKIE}, via proxypass123 to ${ENV.SLACK_URL} signed hmac-secret-42`;
    const out = redact(line, secretValues(config));
    for (const value of [ENV.NEWS_TOKEN, ENV.NEWS_COOKIE, ENV.PROXY_PASS, 'XXXXSECRETXXXX', ENV.HOOK_SECRET]) expect(out).not.toContain(value);
    expect(out).toContain('https://hooks.slack.com/***');
  });
});
