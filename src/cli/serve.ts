import { COMMON_HELP, COMMON_OPTIONS, type Command } from './command.ts';

export const serveCommand: Command = {
  summary: 'run the server and the scheduler (what `npm start` does)',
  usage: `Usage: feedwright serve [options]

Serves every feed over HTTP and scrapes each source on its schedule.

Options:
  -p, --port N        port to listen on (env PORT; default 8787)
${COMMON_HELP}`,
  options: { ...COMMON_OPTIONS, port: { type: 'string', short: 'p' } },
  async run(values) {
    // Loaded on demand so that `--help` stays instant.
    const { settingsFrom } = await import('../runtime/node/context.ts');
    const { startNodeServer } = await import('../runtime/node/serve.ts');
    const settings = settingsFrom(values as { config?: string; db?: string; port?: string });
    const server = await startNodeServer(settings);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        console.log(`${signal}: finishing running scrapes, then stopping`);
        server.stop().then(resolve, resolve);
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    return 0;
  },
};
