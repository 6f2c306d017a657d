/**
 * The extract pool's thread (see extract-threads.ts): runs `extractArticle`, site rules, a listing
 * parser or `normalizeItems` on what it is sent and answers with the result, or with the error
 * message. Plain data both ways.
 */
import { parentPort } from 'node:worker_threads';
import { extractArticle } from '../../extract/index.ts';
import { applySiteRules } from '../../extract/site-rules.ts';
import { normalizeItems } from '../../normalize/item.ts';
import { LISTING_PARSERS } from '../../pipeline/listing.ts';
import type { ExtractJob, ExtractAnswer, JobKind } from './extract-threads.ts';

const PARSERS: Record<JobKind, (...args: never[]) => unknown> = { article: extractArticle, rules: applySiteRules, normalize: normalizeItems, ...LISTING_PARSERS };

if (!parentPort) throw new Error('extract-thread.ts runs in a worker thread');
const port = parentPort;

port.on('message', async (job: ExtractJob) => {
  let answer: ExtractAnswer;
  try {
    answer = { id: job.id, result: await (PARSERS[job.kind] as (...args: unknown[]) => unknown)(...job.args) };
  } catch (err) {
    answer = { id: job.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(answer);
});
