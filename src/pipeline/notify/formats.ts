/**
 * A notification as the request a webhook gets: feedwright's own JSON (`format: json`), or the
 * message shape of Slack (incoming webhook `text` in mrkdwn), Discord (execute-webhook `content`
 * and `embeds`, mentions off) or ntfy (JSON published to the server's root with the topic taken
 * from the URL's last segment). Every request carries `X-Feedwright-Event` and, with a secret,
 * `X-Feedwright-Signature: sha256=<hex HMAC-SHA256 of the body>`.
 */
import type { NotifyTarget } from '../../config/types.ts';
import { DEFAULTS } from '../../defaults.ts';
import { hmacSha256Hex } from '../../utils/hash.ts';
import type { Notification } from './events.ts';

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Discord's limits: message content, embeds per message, embed title. */
const DISCORD_CONTENT = 2000;
const DISCORD_EMBEDS = 10;
const DISCORD_TITLE = 256;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** One line saying what happened, for chat services. */
export function headline(n: Notification): string {
  const name = JSON.stringify(n.source.title);
  if (n.event === 'source.state') return `feedwright: ${name} is now ${n.to} (was ${n.from}): ${n.reason}`;
  const what = n.event === 'items.new' ? 'new' : 'updated';
  return `feedwright: ${n.count} ${what} item${n.count === 1 ? '' : 's'} in ${name}`;
}

/** Slack mrkdwn: `&`, `<` and `>` are control characters. */
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function slack(n: Notification): unknown {
  const lines = [slackEscape(headline(n))];
  if (n.event !== 'source.state') for (const i of n.items) lines.push(`• <${i.url}|${slackEscape(i.title)}>`);
  return { text: lines.join('\n'), unfurl_links: false };
}

function discord(n: Notification): unknown {
  const message: Record<string, unknown> = { content: clip(headline(n), DISCORD_CONTENT), allowed_mentions: { parse: [] } };
  if (n.event !== 'source.state' && n.items.length > 0) {
    message.embeds = n.items.slice(0, DISCORD_EMBEDS).map((i) => ({ title: clip(i.title, DISCORD_TITLE), url: i.url, timestamp: i.published }));
  }
  return message;
}

/** ntfy publishes JSON at the server's root; the topic is the URL's last path segment. */
function ntfy(n: Notification, url: string): { url: string; message: unknown } {
  const u = new URL(url);
  const parts = u.pathname.split('/');
  const topic = decodeURIComponent(parts.pop() ?? '');
  u.pathname = `${parts.join('/')}/`;
  u.search = '';
  const isState = n.event === 'source.state';
  const message = isState ? n.reason : n.items.map((i) => i.title).join('\n') || headline(n);
  const click = isState ? n.source.url ?? n.source.feed : n.items[0]?.url ?? n.source.feed;
  const body = { topic, title: headline(n).replace(/^feedwright: /, ''), message, tags: [isState ? 'warning' : 'newspaper'], click };
  return { url: u.href, message: body };
}

/** The request `target` gets for `notification`, signed when it has a secret. */
export async function webhookRequest(target: NotifyTarget, notification: Notification): Promise<WebhookRequest> {
  let url = target.url;
  let message: unknown;
  if (target.format === 'slack') message = slack(notification);
  else if (target.format === 'discord') message = discord(notification);
  else if (target.format === 'ntfy') ({ url, message } = ntfy(notification, target.url));
  else message = notification;
  const body = JSON.stringify(message);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': DEFAULTS.userAgent,
    'x-feedwright-event': notification.event,
  };
  if (target.secret) headers['x-feedwright-signature'] = `sha256=${await hmacSha256Hex(target.secret, body)}`;
  return { url, headers, body };
}
