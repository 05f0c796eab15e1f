// `npm run simulator -- --port 0`: serves the default fixture. The first two lines on stdout are
// the URL and the fixture as one line of JSON, so that scripts can read them; then terminal links.
import { parseArgs } from 'node:util';
import { startSimulator } from './index';

const USAGE = 'Usage: tsx simulator/cli.ts [--port N] [--session-validity SECONDS] [--token-ttl SECONDS]';

function whole(name: string, text: string | undefined, minimum: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) throw new Error(`--${name} must be a whole number ≥ ${minimum}.\n${USAGE}`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'session-validity': { type: 'string' },
      'token-ttl': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = whole('port', values.port, 0);
  const sessionValiditySeconds = whole('session-validity', values['session-validity'], 1);
  const accessTokenTtlSeconds = whole('token-ttl', values['token-ttl'], 1);
  const simulator = await startSimulator({
    ...(port === undefined ? {} : { port }),
    ...(sessionValiditySeconds === undefined ? {} : { sessionValiditySeconds }),
    ...(accessTokenTtlSeconds === undefined ? {} : { accessTokenTtlSeconds }),
  });

  process.stdout.write(`${simulator.url}\n${JSON.stringify(simulator.fixture)}\n`);
  for (const terminal of simulator.fixture.terminals) console.log(`terminal ${terminal}: ${simulator.url}/terminal/${terminal}`);

  const shutdown = () => {
    simulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
