// A worker of `extract-same.ts time --isolated`: one checkout's extractor in an isolate of its own
// (its own heap, and its own inline caches in the libraries it shares with the other checkout),
// timing each page it is sent. Plain JavaScript: a worker does not inherit tsx's loader, so it
// registers tsx itself before importing the TypeScript sources.
import { parentPort, workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
const { extractArticle } = await import(workerData.extractor);
const pages = workerData.pages;

parentPort.on('message', (i) => {
  const p = pages[i];
  const t0 = performance.now();
  try {
    extractArticle(p.html, p.url);
  } catch {
    /* timed all the same */
  }
  parentPort.postMessage(performance.now() - t0);
});
parentPort.postMessage('ready');
