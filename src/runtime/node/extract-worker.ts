/**
 * The extract pool's thread (see extract-pool.ts): runs `extractArticle` on each page it is sent
 * and answers with the article, or with the error message. Plain data both ways.
 */
import { parentPort } from 'node:worker_threads';
import { extractArticle } from '../../extract/index.ts';
import type { ExtractJob, ExtractAnswer } from './extract-pool.ts';

if (!parentPort) throw new Error('extract-worker.ts runs in a worker thread');
const port = parentPort;

port.on('message', (job: ExtractJob) => {
  let answer: ExtractAnswer;
  try {
    answer = { id: job.id, article: extractArticle(job.html, job.url, job.options) };
  } catch (err) {
    answer = { id: job.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(answer);
});
