/**
 * Fault injection for `test/projection-crash.e2e-spec.ts`: runs the projections like
 * `leap projections run`, but SIGKILLs its own process in the middle of a batch transaction, right
 * after the given number of document writes (so some documents of the batch are written and
 * neither they nor the checkpoint are committed).
 *
 *   node --import tsx apps/cli/src/crash-mid-batch.ts <document writes>
 */
import type { AnyProjection } from '../../../libs/projections/src/projection';
import { openApplicationStores } from '../../../libs/privacy/src/stored-events/application-event-store';
import { ReadModels, readModelsFile } from '../../../libs/projections/src/read-models';
import { PROJECTIONS } from './projection-catalog';
import { runCommand } from './projection-commands';

const crashAfter = Number(process.argv[2]);
if (!Number.isInteger(crashAfter) || crashAfter < 1) {
  process.stderr.write('usage: crash-mid-batch.ts <document writes>\n');
  process.exit(2);
}

let writes = 0;
const crashing = (projection: AnyProjection): AnyProjection => ({
  ...projection,
  store: {
    ...projection.store,
    open(db, table) {
      const inner = projection.store.open(db, table);
      return {
        load: (key) => inner.load(key),
        write(key, doc, before) {
          inner.write(key, doc, before);
          if (++writes >= crashAfter) process.kill(process.pid, 'SIGKILL');
        },
      };
    },
  },
});

const { store, cipher } = openApplicationStores(process.env);
void runCommand(ReadModels.open(readModelsFile(process.env)), store, PROJECTIONS.map(crashing), cipher);
