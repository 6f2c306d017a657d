/** Re-export under the former path, until every caller imports src/html/embed.ts. */
export { embedTarget, type EmbedTarget } from '../html/embed.ts';
