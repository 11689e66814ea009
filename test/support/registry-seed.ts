import { mintEmbeddedToken, type DevTokenClaims } from '@leap/auth';
import { TEST_SECRET } from './test-secret';

/** Districts with their schools, registered through the API before a suite runs. */
export type RegistrySeed = readonly { districtId: string; schoolIds: readonly string[] }[];

/** The schools every seeded district has: the ones the suites identify students in. */
export const SEEDED_SCHOOLS = ['sch-1', 'sch-2', 'sch-3', 'sch-9', 'sch-big'] as const;

/** Districts with the seeded schools. */
export const districtsWithSchools = (...districtIds: string[]): RegistrySeed =>
  districtIds.map((districtId) => ({ districtId, schoolIds: SEEDED_SCHOOLS }));

/** What `TestApi.start()` seeds unless told otherwise. */
export const DEFAULT_REGISTRY: RegistrySeed = districtsWithSchools('d1', 'd2', 'd3');

/** The default registry and these districts too. */
export const withDistricts = (...districtIds: string[]): RegistrySeed => [
  ...DEFAULT_REGISTRY,
  ...districtsWithSchools(...districtIds),
];

/** A state-wide admin: the only login that registers districts. */
export const STATE_ADMIN: DevTokenClaims = { sub: 'state-admin', role: 'admin' };

/**
 * Registers the districts and their schools through the API as a state-wide admin, the way an
 * install is set up. Seeding a registry that is already there changes nothing (a restarted server
 * on the same data may be seeded again).
 */
export async function seedRegistry(
  baseUrl: string,
  registry: RegistrySeed = DEFAULT_REGISTRY,
): Promise<void> {
  const token = await mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), STATE_ADMIN);
  const post = async (path: string, body: unknown, exists: string) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status === 201) return;
    const text = await response.text();
    if (response.status === 409 && text.includes(exists)) return;
    throw new Error(`Seeding the registry: POST ${path} answered ${response.status} ${text}`);
  };
  await Promise.all(
    registry.map(async ({ districtId, schoolIds }) => {
      const district = {
        districtId,
        name: `District ${districtId}`,
        regionId: 'CREC',
        timeZone: 'America/New_York',
      };
      await post('/v1/districts', district, 'district_exists');
      for (const schoolId of schoolIds) {
        const school = {
          schoolId,
          name: `School ${schoolId}`,
          grades: ['PK', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'],
        };
        await post(`/v1/districts/${districtId}/schools`, school, 'school_exists');
      }
    }),
  );
}
