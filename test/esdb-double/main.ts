import { parseArgs } from 'node:util';
import { EsdbDouble } from './esdb-double';

/**
 * `npm run esdb:double -- --port 2113 [--host 127.0.0.1] [--no-batch-append]`
 * Starts the in-memory EventStoreDB double and prints its connection string; Ctrl-C stops it
 * (and forgets everything: the data lives in memory only).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '2113' },
      host: { type: 'string', default: '127.0.0.1' },
      'no-batch-append': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new RangeError(`Not a port: ${values.port}`);
  const double = await EsdbDouble.start({ port, host: values.host, batchAppend: !values['no-batch-append'] });
  console.log(double.connectionString);
  const shutdown = () => void double.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
