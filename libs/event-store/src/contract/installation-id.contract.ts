import type { EventStore } from '../event-store.port';
import { INSTALLATION_CREATED, readOrCreateInstallationId } from '../installation-id';
import { uniqueCategory } from './contract-fixtures';

/** The installation id lives in the store: created once, the same for every reader and racer. */
export function describeInstallationId(store: () => EventStore): void {
  describe('when the installation id is asked for', () => {
    it('creates it on first use and answers the same id ever after', async () => {
      const streamId = `${uniqueCategory()}-identity`;
      let made = 0;
      const newId = () => `installation-${++made}`;
      const first = await readOrCreateInstallationId(store(), { streamId, newId });
      const again = await readOrCreateInstallationId(store(), { streamId, newId });
      expect([first, again]).toEqual(['installation-1', 'installation-1']);
      const stored = await store().readStream(streamId);
      expect(stored.map((event) => [event.type, event.data.installationId])).toEqual([
        [INSTALLATION_CREATED, 'installation-1'],
      ]);
    });

    it('gives every racer the one id that won', async () => {
      const streamId = `${uniqueCategory()}-identity`;
      const ids = await Promise.all(
        Array.from({ length: 10 }, (_, racer) =>
          readOrCreateInstallationId(store(), { streamId, newId: () => `racer-${racer}` }),
        ),
      );
      const stored = await store().readStream(streamId);
      expect(stored).toHaveLength(1);
      expect(new Set(ids)).toEqual(new Set([stored[0]!.data.installationId]));
    });
  });
}
