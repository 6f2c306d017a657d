import { DEFAULTS } from '../../defaults.ts';
import { COMMON_HELP, COMMON_OPTIONS, type Command } from '../command.ts';

export const serveCommand: Command = {
  summary: 'run the server and the scheduler (what `npm start` does)',
  usage: `Usage: feedwright serve [options]

Serves every feed over HTTP and scrapes each source on its schedule. The config file is reloaded
when it is saved and on SIGHUP (an invalid edit is logged and the running sources stay); database
sources (the admin API, \`feedwright sources\`) are followed too, without a restart.

Options:
  -p, --port N        port to listen on (env PORT; default ${DEFAULTS.port})
      --host ADDRESS  address to listen on (env HOST; default 0.0.0.0, every IPv4 interface;
                      127.0.0.1 for this machine only, :: for IPv6 too)
${COMMON_HELP}`,
  options: { ...COMMON_OPTIONS, port: { type: 'string', short: 'p' }, host: { type: 'string' } },
  async run(values) {
    // Loaded on demand so that `--help` stays instant.
    const { settingsFrom } = await import('../../runtime/node/context.ts');
    const { startNodeServer } = await import('../../runtime/node/http-server.ts');
    const settings = settingsFrom(values as { config?: string; db?: string; port?: string; host?: string });
    // Signals are caught from the start: a Ctrl-C while starting up stops as cleanly as later.
    let requestStop!: () => void;
    const signalled = new Promise<void>((resolve) => (requestStop = resolve));
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      const key = signal === 'SIGINT' ? 'Ctrl-C' : signal;
      if (stopping) {
        // The second signal: do not wait any longer.
        console.log('feedwright: quitting now; a scrape cut short is redone at the next start');
        process.exit(signal === 'SIGINT' ? 130 : 143);
      }
      stopping = true;
      console.log(`feedwright: stopping (${key}): letting running scrapes finish; ${key === 'Ctrl-C' ? 'press Ctrl-C' : `send ${key}`} again to quit at once`);
      requestStop();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    // SIGHUP reloads the config file (as saving it does); an invalid edit keeps the running sources.
    let server: Awaited<ReturnType<typeof startNodeServer>> | null = null;
    const onHangup = () => void server?.reload();
    process.on('SIGHUP', onHangup);
    try {
      server = await startNodeServer(settings);
      await signalled;
      await server.stop();
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('SIGHUP', onHangup);
    }
    console.log('feedwright: stopped');
    return 0;
  },
};
