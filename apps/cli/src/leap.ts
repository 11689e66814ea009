/**
 * Operator commands (plain functions, no Nest: tsx cannot emit decorator metadata).
 *
 *   npm run leap -- projections rebuild [name] [--force]   drop and replay aside, then swap
 *   npm run leap -- projections run                        follow the event store until stopped
 *   npm run leap -- projections status                     checkpoints, lag and last errors
 *
 * Uses the same configuration as the API: LEAP_DATA_DIR, EVENTSTORE_CONNECTION_STRING.
 */
import { parseArgs } from 'node:util';
import { createEventStore } from '../../../libs/event-store/src/create-event-store';
import { ReadModels, readModelsFile } from '../../../libs/projections/src/read-models';
import { selectProjections } from './projection-catalog';
import { rebuildCommand, runCommand, statusCommand } from './projection-commands';

const USAGE = 'usage: leap projections <rebuild [name] [--force] | run | status>';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false } },
  });
  const [group, command, name] = positionals;
  if (group !== 'projections' || command === undefined) return usage();
  const projections = selectProjections(name);
  const store = createEventStore(process.env);
  const readModels = ReadModels.open(readModelsFile(process.env));
  try {
    switch (command) {
      case 'rebuild':
        await rebuildCommand(readModels, store, projections, { force: values.force === true });
        return 0;
      case 'run':
        await runCommand(readModels, store, projections);
        return 0;
      case 'status':
        await statusCommand(readModels, store, projections);
        return 0;
      default:
        return usage();
    }
  } finally {
    await store.close();
    readModels.close();
  }
}

function usage(): number {
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
