/**
 * The commands the HTTP benches send, and the cases they need: students identified in district d1,
 * a trained visitor assigned, consent offered and granted, so visits and attendance checks are
 * accepted. Every connection logs in as a subject of its own (the default rate limit, 3,000
 * requests a minute, counts per login), so the benches run with the default throttling on.
 */
import { randomUUID } from 'node:crypto';
import { mintEmbeddedToken } from '../libs/auth/src/mint-token';
import { districtTimeZone, localDate } from '../libs/http/src/business-date';
import { seedRegistry } from '../test/support/registry-seed';
import { TEST_SECRET } from '../test/support/test-secret';
import type { ConnectionRequest } from './load';

export type Command = 'identify' | 'visit' | 'check';

const secret = new TextEncoder().encode(TEST_SECRET);
const today = () => localDate(new Date(), districtTimeZone());
const SCHOOLS = Array.from({ length: 20 }, (_, n) => `sch-${n}`);

/** Headers of a coordinator of district d1 logged in as `subject`. */
export async function loginAs(subject: string): Promise<Record<string, string>> {
  const token = await mintEmbeddedToken(secret, { sub: subject, role: 'coordinator', districtId: 'd1' });
  return { 'content-type': 'application/json', authorization: `Bearer ${token}` };
}

/** One login per connection, distinct per run phase so no phase spends another's budget. */
export async function loginsFor(phase: string, connections: number): Promise<Record<string, string>[]> {
  return Promise.all(Array.from({ length: connections }, (_, n) => loginAs(`bench-${phase}-${n}`)));
}

export const identifyBody = () =>
  JSON.stringify({
    studentId: `bench-${randomUUID()}`,
    districtId: 'd1',
    schoolId: SCHOOLS[Math.floor(Math.random() * SCHOOLS.length)],
    grade: '7',
    identifiedOn: today(),
    baseline: { asOf: today(), daysEnrolled: 20, daysAbsent: 3 },
    targetingApproach: 'district_wide',
    pii: { guardianName: 'Rosa Lopez', guardianPhone: '+1 860 555 0101' },
  });

export interface Prepared {
  caseIds: string[];
  visitorId: string;
}

async function post(baseUrl: string, headers: Record<string, string>, path: string, body: unknown) {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const answer = (await response.json()) as Record<string, string>;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** Registers district d1 and a trained visitor; `cases` cases with the visitor assigned and consent granted. */
export async function prepareCases(baseUrl: string, cases: number, seedDistricts = true): Promise<Prepared> {
  if (seedDistricts) await seedRegistry(baseUrl, [{ districtId: 'd1', schoolIds: SCHOOLS }]);
  const logins = await loginsFor(`setup-${randomUUID().slice(0, 8)}`, 16);
  const { visitorId } = await post(baseUrl, logins[0]!, '/v1/visitors', {
    name: 'Ana Ruiz',
    role: 'family_liaison',
    organization: { type: 'school', name: 'Hartford Public Schools' },
    districtId: 'd1',
    languages: ['en', 'es'],
  });
  const trainedOn = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
  await post(baseUrl, logins[0]!, `/v1/visitors/${visitorId}/trainings`, {
    training: 'LEAP_101',
    completedOn: trainedOn,
  });
  const caseIds: string[] = [];
  for (let from = 0; from < cases; from += logins.length) {
    const batch = await Promise.all(
      logins.slice(0, Math.min(logins.length, cases - from)).map(async (headers) => {
        const { caseId } = (await post(baseUrl, headers, '/v1/cases', JSON.parse(identifyBody()))) as {
          caseId: string;
        };
        const on = `/v1/cases/${caseId}`;
        await post(baseUrl, headers, `${on}/visitor-assignments`, {
          visitorIds: [visitorId],
          assignedOn: today(),
        });
        await post(baseUrl, headers, `${on}/consent-offers`, { offeredOn: today(), channel: 'phone' });
        await post(baseUrl, headers, `${on}/consent-responses`, {
          respondedOn: today(),
          decision: 'granted',
        });
        return caseId;
      }),
    );
    caseIds.push(...batch);
  }
  return { caseIds, visitorId: visitorId! };
}

/**
 * `command` as a load-generator request over the prepared cases: each connection works on cases of
 * its own (connection n takes cases n, n + connections, ...), so no two requests race on one stream.
 */
export function commandRequest(
  command: Command,
  prepared: Prepared,
  logins: Record<string, string>[],
): ConnectionRequest {
  const connections = logins.length;
  const sent = new Array<number>(connections).fill(0);
  const caseOf = (connection: number) => {
    const own = Math.max(1, Math.floor(prepared.caseIds.length / connections));
    return prepared.caseIds[
      (connection + connections * (sent[connection]!++ % own)) % prepared.caseIds.length
    ]!;
  };
  const next = (connection: number) => {
    if (command === 'identify') return { path: '/v1/cases', body: identifyBody() };
    const caseId = caseOf(connection);
    if (command === 'visit')
      return {
        path: `/v1/cases/${caseId}/visits`,
        body: JSON.stringify({
          status: 'held',
          date: today(),
          location: 'home',
          visitorIds: [prepared.visitorId],
          barriers: ['transportation'],
          familyWantsToContinue: true,
          pii: { notes: 'Met at the kitchen table' },
        }),
      };
    return {
      path: `/v1/cases/${caseId}/attendance-checks`,
      body: JSON.stringify({ asOf: today(), daysEnrolled: 50, daysAbsent: sent[connection]! % 10 }),
    };
  };
  return { method: 'POST', next, headers: (connection) => logins[connection]! };
}
