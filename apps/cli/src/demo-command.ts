import { isCalendarDate } from '../../../libs/domain/src/case/calendar';
import { today } from '../../../libs/http/src/business-date';
import type { ApplicationEnv } from '../../../libs/privacy/src/stored-events/application-event-store';
import { demoParameters, type DemoParameters } from '../../../libs/demo/src/simulation/parameters';
import type { DemoProgress } from '../../../libs/demo/src/apply/build-demo';
import { runDemo } from '../../../libs/demo/src/run-demo';
import { readModelsFile } from '../../../libs/projections/src/read-models';
import { runnerMarkerHolder } from '../../../libs/projections/src/runner-marker';
import { progressBar } from './progress-bar';

export type DemoOptions = Record<string, string | boolean | undefined>;

/** The demo's parameters from the command line; a message for the first bad value. */
export function demoParametersOf(values: DemoOptions, now: string = today()): DemoParameters | string {
  const integer = (name: string, min: number, max: number): number | undefined | string => {
    const value = values[name];
    if (value === undefined) return undefined;
    const n = Number(value);
    return Number.isInteger(n) && n >= min && n <= max
      ? n
      : `--${name} must be a whole number from ${min} to ${max}`;
  };
  const decimal = (name: string, min: number, max: number): number | undefined | string => {
    const value = values[name];
    if (value === undefined) return undefined;
    const n = Number(value);
    return typeof value === 'string' && value.trim() !== '' && Number.isFinite(n) && n >= min && n <= max
      ? n
      : `--${name} must be a number from ${min} to ${max}`;
  };
  const through = values.through;
  if (through !== undefined && !isCalendarDate(through)) return '--through must be a date YYYY-MM-DD';
  if (typeof through === 'string' && through > now) return `--through must not be after today (${now})`;
  const attendance = values.attendance ?? 'daily';
  if (attendance !== 'daily' && attendance !== 'monthly') return '--attendance must be daily or monthly';
  const read = {
    seed: integer('seed', 0, 2 ** 31 - 1),
    districts: integer('districts', 1, 12),
    students: integer('students', 1, 200_000),
    month1: decimal('effect-month1', -50, 50),
    month6: decimal('effect-month6', -50, 50),
    month9: decimal('effect-month9', -50, 50),
    secondary: decimal('effect-secondary', 0, 10),
    englishLearner: decimal('effect-el', 0, 10),
    remote: decimal('effect-remote', 0, 10),
    selection: decimal('selection', 0, 5),
  };
  const problem = Object.values(read).find((v) => typeof v === 'string');
  if (typeof problem === 'string') return problem;
  if ((read.students ?? 2500) < (read.districts ?? 3)) return '--students must be at least --districts';
  const n = (v: number | string | undefined) => v as number | undefined;
  const effect = Object.fromEntries(
    (['month1', 'month6', 'month9', 'secondary', 'englishLearner', 'remote'] as const)
      .filter((key) => read[key] !== undefined)
      .map((key) => [key, read[key]]),
  );
  return demoParameters(
    {
      seed: n(read.seed),
      districts: n(read.districts),
      students: n(read.students),
      through: through as string | undefined,
      attendance,
      selection: n(read.selection),
      effect,
    },
    now,
  );
}

/**
 * An API serving the same embedded data dir would plan live follow-up timers for the demo's cases
 * as they are written, all of them already due: what it raised would depend on when the demo ran.
 * Its projection runner's marker gives it away (an API on EventStoreDB cannot be seen from here).
 */
export function runningApiWarning(env: ApplicationEnv): string | null {
  if (env.EVENTSTORE_CONNECTION_STRING) return null;
  const holder = runnerMarkerHolder(readModelsFile(env));
  return holder
    ? `A process (pid ${holder.pid}: ${holder.command}) serves this data dir: its live follow-up timers would ` +
        'fire while the demo writes. Stop it first (or use --force to write anyway)'
    : null;
}

/**
 * `npm run leap -- demo`: simulates the state and writes it into the configured store with a
 * progress bar on stderr; prints what it built, where the truth file is and how long it took.
 */
export async function demoCommand(
  env: ApplicationEnv,
  parameters: DemoParameters,
  force: boolean,
  out: NodeJS.WriteStream = process.stdout,
): Promise<void> {
  const bar = progressBar();
  const started = Date.now();
  let last: DemoProgress | null = null;
  const show = (progress: DemoProgress) => ({
    projection: `demo ${progress.phase}`,
    done: progress.done,
    total: progress.total,
    elapsedMs: Date.now() - started,
    unit: progress.unit,
  });
  const run = await runDemo(env, parameters, {
    force,
    onProgress: (progress) => {
      if (last && last.phase !== progress.phase) bar.done(show(last));
      last = progress;
      bar.update(show(progress));
    },
  });
  if (last) bar.done(show(last));
  const s = run.summary;
  out.write(
    `demo (seed ${parameters.seed}, through ${parameters.through}, ${parameters.attendance} attendance): ` +
      `${s.districts} districts, ${s.schools} schools, ${s.students} students, ${s.visitors} visitors, ` +
      `${s.partners} partners, ${s.attendanceRows} attendance rows, ${s.cases} cases (${s.served} served), ` +
      `${s.followUpsRaised} follow-ups raised, in ${(run.elapsedMs / 1000).toFixed(1)} s\n` +
      `truth: ${run.truthFile}\n`,
  );
}
