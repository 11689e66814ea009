import {
  dropQueueKeys,
  eventually,
  followUpTestEnv,
} from '../../libs/follow-ups/src/testing/follow-up-test-env';
import { TestApi, type Client } from './harness';
import type { RegistrySeed } from './registry-seed';

export type FollowUp = {
  followUpId: string;
  rule: string;
  state: string;
  assignee: string | null;
  [key: string]: unknown;
};

export const followUpsOf = async (client: Client, caseId: string): Promise<FollowUp[]> =>
  (await client.get(`/v1/cases/${caseId}`)).body.followUps;

/** Polls the case until a follow-up of `rule` is in `state`. */
export const waitForFollowUp = (client: Client, caseId: string, rule: string, state = 'open') =>
  eventually(
    async () => (await followUpsOf(client, caseId)).find((f) => f.rule === rule && f.state === state),
    { what: `${rule} to be ${state}` },
  );

/**
 * Registers a suite's API with follow-up workers on, on a queue prefix of its own whose Redis keys
 * are dropped afterwards, seeded with `registry`. Returns accessors for the API and the environment.
 */
export function useFollowUpApi(registry?: RegistrySeed): {
  api: () => TestApi;
  env: () => ReturnType<typeof followUpTestEnv>;
} {
  let env: ReturnType<typeof followUpTestEnv>;
  let api: TestApi;
  beforeAll(async () => {
    env = followUpTestEnv();
    api = await TestApi.start({ registry });
  });
  afterAll(async () => {
    await api.stop();
    await dropQueueKeys(env.redisUrl, env.prefix);
  });
  return { api: () => api, env: () => env };
}
