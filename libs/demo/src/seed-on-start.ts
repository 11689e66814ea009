import { openApplicationStores, type ApplicationEnv } from '@leap/privacy';
import { demoParameters } from './simulation/parameters';
import { isEmpty, runDemo, type DemoRun } from './run-demo';

export interface DemoStartEnv extends ApplicationEnv {
  /** `1`: seed a demo state before serving when the store is empty. */
  LEAP_DEMO?: string;
  LEAP_DEMO_SEED?: string;
  LEAP_DEMO_DISTRICTS?: string;
  LEAP_DEMO_STUDENTS?: string;
}

const numberOr = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * `LEAP_DEMO=1 npm start`: on an empty store, builds the default demo state (or the seed, districts
 * and students of LEAP_DEMO_SEED, LEAP_DEMO_DISTRICTS, LEAP_DEMO_STUDENTS) before the API starts, so
 * no live timer or projection runs while it writes. A store that holds anything is left alone.
 * `today` only sets the default end (the last ended school year).
 */
export async function seedDemoOnStart(env: DemoStartEnv, today: string): Promise<DemoRun | null> {
  if (env.LEAP_DEMO !== '1') return null;
  const { store } = openApplicationStores(env);
  const empty = await isEmpty(store).finally(() => store.close());
  if (!empty) return null;
  const parameters = demoParameters(
    {
      seed: numberOr(env.LEAP_DEMO_SEED, 7),
      districts: numberOr(env.LEAP_DEMO_DISTRICTS, 3),
      students: numberOr(env.LEAP_DEMO_STUDENTS, 2500),
    },
    today,
  );
  return runDemo(env, parameters, { force: false });
}
