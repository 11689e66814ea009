/**
 * Operator commands (plain functions, no Nest: tsx cannot emit decorator metadata).
 *
 *   npm run leap -- projections rebuild [name] [--force]   drop and replay aside, then swap
 *   npm run leap -- projections run                        follow the event store until stopped
 *   npm run leap -- projections status                     checkpoints, lag and last errors
 *   npm run leap -- keys status                            key store, key counts, master key id
 *   npm run leap -- keys rotate [--new-key-file <path>]    re-wrap every data key with a new master key
 *   npm run leap -- erase --district d1 --closed-before 2024-07-01 [--dry-run]   bulk erasure
 *   npm run leap -- migrate encrypt-pii --to <dir|esdb://…> copy the store with personal data sealed
 *   npm run leap -- import roster <file.csv> [--district d1]  import a CSV file (schools, roster, attendance, district-profile)
 *   npm run leap -- demo --districts 3 --students 2500 --seed 7 [--through <date>]  a synthetic state
 *   npm run leap -- replay --district d1 --on-date 2025-10-31 [--known-at <instant>]  fidelity report
 *
 * Uses the same configuration as the API: LEAP_DATA_DIR, EVENTSTORE_CONNECTION_STRING,
 * LEAP_MASTER_KEY, LEAP_KEYSTORE_URL.
 */
import { EXIT_USAGE, parseCommandLine, usageError } from './command-line';

const USAGE = `usage: npm run leap -- projections <command> [name] [--force]
       npm run leap -- keys <command> [--new-key-file <path>]
       npm run leap -- erase --district <id> --closed-before <YYYY-MM-DD> [--reason <code>] [--dry-run]
       npm run leap -- migrate encrypt-pii --to <new data dir | esdb://… connection string>
       npm run leap -- import schools|roster|attendance|district-profile <file.csv> [--district <id>] [--school-year <2025-26>]
       npm run leap -- demo [--districts 3] [--students 2500] [--seed 7] [--through <YYYY-MM-DD>]
                            [--attendance daily|monthly] [--effect-month1 4] [--effect-month6 15]
                            [--effect-month9 15] [--effect-secondary 2] [--effect-el 0.5]
                            [--effect-remote 0.5] [--selection 1] [--force]
       npm run leap -- replay --district <id> --on-date <YYYY-MM-DD> [--known-at <instant>]

Operator commands on the read models in LEAP_DATA_DIR/read-models.sqlite, fed from the event store
the API uses (EVENTSTORE_CONNECTION_STRING, else LEAP_DATA_DIR/events.sqlite), and on the key store
(LEAP_KEYSTORE_URL, required with EVENTSTORE_CONNECTION_STRING; else LEAP_DATA_DIR/keys.sqlite).

commands:
  projections status          each read model's checkpoint, lag and last error (JSON)
  projections rebuild [name]  replays into a new copy aside, with a progress bar, then swaps it in;
                              a running API keeps serving the old copy until then
  projections run             follows the event store until stopped (SIGINT, SIGTERM), for an API
                              started with LEAP_PROJECTIONS=off; warns when another process already
                              runs projections on the same data dir
  keys status                 the key store, its live and destroyed keys and the master key id (JSON;
                              never key material)
  keys rotate                 re-wraps every data key with a new master key; events are untouched.
                              Embedded: generates it and replaces LEAP_DATA_DIR/master-key. With
                              LEAP_MASTER_KEY: the new key (base64 of 32 bytes) comes from
                              --new-key-file or LEAP_NEW_MASTER_KEY; then switch LEAP_MASTER_KEY.
                              Restart the API and workers afterwards
  migrate encrypt-pii         copies the store (written by an earlier version) into the new, empty
                              store --to names, every event at its current version and its personal
                              data sealed; same order, ids, metadata and stream revisions, with a
                              progress bar. Keys go to <to>/keys.sqlite (master key <to>/master-key
                              unless LEAP_MASTER_KEY) or, for an esdb:// target, LEAP_KEYSTORE_URL.
                              Run again after an interruption: it continues where it stopped.
                              Read models are not copied: they rebuild when the API first starts

  name                        one read model, as \`projections status\` names them; all when absent

  erase                       erases the personal data of the district's closed cases closed before
                              the date (keys destroyed, FamilyDataErased recorded by \`system\`), with
                              a progress bar; prints how many cases and their ids. Safe to run again.

  import <kind> <file.csv>    imports a CSV file (header row first; see the README's Imports section):
                              with LEAP_URL set, posts it (streamed) to that server with LEAP_TOKEN
                              and follows the import until it ends; else writes to the configured
                              store directly, with a progress bar (rows, rate, ETA). Prints the counts
                              and the first rejected rows (line, column, reason); exits 1 when the
                              import failed
  demo                        builds a synthetic state into the (empty) store through the same commands
                              and imports a user sends: districts, schools, rosters, two school years
                              of attendance ending at --through (default: the last ended school year),
                              cases with consent, visits, referrals, checks and follow-ups, and a
                              planted effect of being served. Same seed, same events. Writes the
                              parameters and the realised effects to LEAP_DATA_DIR/demo-truth.json

 replay                      replays the store through the fidelity fold, with a progress bar over
                              the events, and prints the district's fidelity metrics as they stood on
                              --on-date (as known at --known-at, an instant with its offset, when
                              given): the report GET /v1/fidelity answers with onDate and knownAt

options:
  --force                     rebuild: replace a rebuild that another process left unfinished;
                              demo: write into a store that is not empty
  --new-key-file <path>       keys rotate: the file holding the new master key
  --district <id>             erase: the district; import: only rows of this district are accepted
  --school-year <2025-26>     import attendance: rows dated in another school year (July to June) are
                              rejected (outside_school_year)
  --closed-before <date>      erase: cases closed strictly before this date
  --reason <code>             erase: retention_period (default), agreement_ended, family_request, other
  --dry-run                   erase: only print what would be erased
  --to <dir | esdb://…>       migrate encrypt-pii: the new store
  -h, --help                  prints this help
`;

const DEMO_OPTIONS = {
  districts: { type: 'string' },
  students: { type: 'string' },
  seed: { type: 'string' },
  through: { type: 'string' },
  attendance: { type: 'string' },
  'effect-month1': { type: 'string' },
  'effect-month6': { type: 'string' },
  'effect-month9': { type: 'string' },
  'effect-secondary': { type: 'string' },
  'effect-el': { type: 'string' },
  'effect-remote': { type: 'string' },
  selection: { type: 'string' },
} as const;

const PROJECTION_COMMANDS = ['rebuild', 'run', 'status'] as const;
type ProjectionCommand = (typeof PROJECTION_COMMANDS)[number];
const KEY_COMMANDS = ['rotate', 'status'] as const;
type KeyCommand = (typeof KEY_COMMANDS)[number];

async function main(): Promise<number> {
  const { positionals, values } = parseCommandLine(
    USAGE,
    {
      force: { type: 'boolean', default: false },
      'new-key-file': { type: 'string' },
      district: { type: 'string' },
      'school-year': { type: 'string' },
      'closed-before': { type: 'string' },
      reason: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      to: { type: 'string' },
      'on-date': { type: 'string' },
      'known-at': { type: 'string' },
      ...DEMO_OPTIONS,
    },
    { allowPositionals: true },
  );
  const [group, command, name, ...extra] = positionals;
  if (group === 'demo') return demo(positionals.slice(1), values);
  const demoOption = (Object.keys(DEMO_OPTIONS) as (keyof typeof DEMO_OPTIONS)[]).find(
    (option) => values[option] !== undefined,
  );
  if (demoOption) usageError(USAGE, `--${demoOption} goes with demo only`);
  if (group === 'replay') return replay(positionals.slice(1), values);
  if (values['on-date'] !== undefined || values['known-at'] !== undefined)
    usageError(USAGE, '--on-date and --known-at go with replay only');
  if (group === 'erase') return erase(positionals.slice(1), values);
  if (group === 'import') return importFile(positionals.slice(1), values);
  if (values.to !== undefined && group !== 'migrate')
    usageError(USAGE, '--to goes with migrate encrypt-pii only');
  if (group === 'migrate') {
    if (command !== 'encrypt-pii')
      usageError(USAGE, command ? `Unknown command: migrate ${command}` : 'No migrate command given');
    if (name !== undefined) usageError(USAGE, `Unexpected argument: ${[name, ...extra].join(' ')}`);
    if (!values.to) usageError(USAGE, 'migrate encrypt-pii needs --to <new data dir | esdb://…>');
    const { encryptPiiCommand } = await import('./migrate-command');
    const { MigrationRefusedError } = await import('./encrypt-pii-copy');
    try {
      await encryptPiiCommand(process.env, values.to);
    } catch (error) {
      if (!(error instanceof MigrationRefusedError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return EXIT_USAGE;
    }
    return 0;
  }
  if (group === 'keys') {
    if (!KEY_COMMANDS.includes(command as KeyCommand))
      usageError(USAGE, command ? `Unknown command: keys ${command}` : 'No keys command given');
    if (name !== undefined) usageError(USAGE, `Unexpected argument: ${[name, ...extra].join(' ')}`);
    if (values['new-key-file'] !== undefined && command !== 'rotate')
      usageError(USAGE, '--new-key-file goes with keys rotate only');
    const { keysRotateCommand, keysStatusCommand } = await import('./key-commands');
    if ((command as KeyCommand) === 'rotate') await keysRotateCommand(process.env, values['new-key-file']);
    else await keysStatusCommand(process.env);
    return 0;
  }
  if (group !== 'projections') usageError(USAGE, group ? `Unknown command: ${group}` : 'No command given');
  if (!PROJECTION_COMMANDS.includes(command as ProjectionCommand))
    usageError(USAGE, command ? `Unknown command: projections ${command}` : 'No projections command given');
  if (extra.length > 0 || (name !== undefined && command !== 'rebuild'))
    usageError(USAGE, `Unexpected argument: ${[name, ...extra].filter(Boolean).join(' ')}`);
  // Loaded once the command line is known good: help and usage errors answer at once.
  const { openApplicationStores } =
    await import('../../../libs/privacy/src/stored-events/application-event-store');
  const { ReadModels, readModelsFile } = await import('../../../libs/projections/src/read-models');
  const { selectProjections } = await import('./projection-catalog');
  const { rebuildCommand, runCommand, statusCommand } = await import('./projection-commands');
  const projections = selectProjections(name);
  const { store, cipher } = openApplicationStores(process.env);
  const readModels = ReadModels.open(readModelsFile(process.env));
  try {
    switch (command as ProjectionCommand) {
      case 'rebuild':
        await rebuildCommand(readModels, store, projections, { force: values.force === true, pii: cipher });
        return 0;
      case 'run':
        await runCommand(readModels, store, projections, cipher);
        return 0;
      case 'status':
        await statusCommand(readModels, store, projections);
        return 0;
    }
  } finally {
    await store.close();
    readModels.close();
  }
}

async function demo(extra: string[], values: Record<string, string | boolean | undefined>): Promise<number> {
  if (extra.length > 0) usageError(USAGE, `Unexpected argument: ${extra.join(' ')}`);
  const { demoCommand, demoParametersOf, runningApiWarning } = await import('./demo-command');
  const { StoreNotEmptyError } = await import('../../../libs/demo/src/run-demo');
  const parameters = demoParametersOf(values);
  if (typeof parameters === 'string') usageError(USAGE, parameters);
  const running = runningApiWarning(process.env);
  if (running && values.force !== true) {
    process.stderr.write(`${running}\n`);
    return EXIT_USAGE;
  }
  if (running) process.stderr.write(`WARNING: ${running}\n`);
  try {
    await demoCommand(process.env, parameters, values.force === true);
  } catch (error) {
    if (!(error instanceof StoreNotEmptyError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return EXIT_USAGE;
  }
  return 0;
}

async function replay(
  extra: string[],
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  if (extra.length > 0) usageError(USAGE, `Unexpected argument: ${extra.join(' ')}`);
  const { isCalendarDate } = await import('../../../libs/domain/src/case/calendar');
  const { ID_PATTERN } = await import('../../../libs/http/src/business-date');
  const { isInstant } = await import('../../../libs/http/src/instant');
  const { district: districtId, 'on-date': onDate, 'known-at': knownAt } = values;
  if (typeof districtId !== 'string' || !ID_PATTERN.test(districtId))
    usageError(USAGE, 'replay needs --district <id>');
  if (typeof onDate !== 'string' || !isCalendarDate(onDate))
    usageError(USAGE, 'replay needs --on-date <YYYY-MM-DD>');
  if (knownAt !== undefined && !isInstant(knownAt))
    usageError(USAGE, '--known-at must be an instant with its offset, e.g. 2025-10-31T17:00:00-04:00');
  const { openApplicationEventStore } =
    await import('../../../libs/privacy/src/stored-events/application-event-store');
  const { replayCommand } = await import('./replay-command');
  const store = openApplicationEventStore(process.env);
  try {
    const found = await replayCommand(store, { districtId, onDate, knownAt: knownAt ?? null });
    return found ? 0 : 1;
  } finally {
    await store.close();
  }
}

async function erase(extra: string[], values: Record<string, string | boolean | undefined>): Promise<number> {
  if (extra.length > 0) usageError(USAGE, `Unexpected argument: ${extra.join(' ')}`);
  const { ERASURE_REASONS } = await import('../../../libs/domain/src/vocabulary');
  const { isCalendarDate } = await import('../../../libs/domain/src/case/calendar');
  const { ID_PATTERN, today } = await import('../../../libs/http/src/business-date');
  const districtId = values.district;
  const closedBefore = values['closed-before'];
  const reasonCode = values.reason ?? 'retention_period';
  if (typeof districtId !== 'string' || !ID_PATTERN.test(districtId))
    usageError(USAGE, 'erase needs --district <id>');
  if (typeof closedBefore !== 'string' || !isCalendarDate(closedBefore))
    usageError(USAGE, 'erase needs --closed-before <YYYY-MM-DD>');
  if (typeof reasonCode !== 'string' || !(ERASURE_REASONS as readonly string[]).includes(reasonCode))
    usageError(USAGE, `--reason must be one of ${ERASURE_REASONS.join(', ')}`);
  const { createEventStore } = await import('../../../libs/event-store/src/create-event-store');
  const { createKeyStore } = await import('../../../libs/privacy/src/keys/create-key-store');
  const { AesGcmPiiCipher } = await import('../../../libs/privacy/src/crypto/aes-gcm-pii-cipher');
  const { protectEventStore } = await import('../../../libs/privacy/src/stored-events/protect-event-store');
  const { loadPseudonymKey } = await import('../../../libs/privacy/src/pseudonym-key');
  const { createPseudonymizer } = await import('../../../libs/privacy/src/pseudonyms');
  const { eraseCommand } = await import('./erase-command');
  // The application's store (earlier versions' events read as current ones), with the key store it seals with.
  const keys = createKeyStore(process.env);
  const cipher = new AesGcmPiiCipher(keys);
  const pseudonymize = createPseudonymizer(loadPseudonymKey(process.env));
  const store = protectEventStore(createEventStore(process.env), { pseudonymize, cipher });
  try {
    await eraseCommand(store, () => ({ store, keys, cipher }), {
      districtId,
      closedBefore,
      reasonCode: reasonCode as (typeof ERASURE_REASONS)[number],
      dryRun: values['dry-run'] === true,
      erasedOn: today(),
    });
    return 0;
  } finally {
    await store.close();
    await keys.close();
  }
}

async function importFile(
  args: string[],
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const { IMPORT_KINDS } = await import('../../../libs/domain/src/attendance/imports');
  const { ID_PATTERN } = await import('../../../libs/domain/src/identifiers');
  const [kind, file, ...extra] = args;
  if (!(IMPORT_KINDS as readonly string[]).includes(kind ?? ''))
    usageError(USAGE, `import needs a kind: ${IMPORT_KINDS.join(', ')}`);
  if (!file) usageError(USAGE, `import ${kind} needs a file`);
  if (extra.length > 0) usageError(USAGE, `Unexpected argument: ${extra.join(' ')}`);
  const district = values.district;
  if (district !== undefined && (typeof district !== 'string' || !ID_PATTERN.test(district)))
    usageError(USAGE, '--district must be a district id');
  const schoolYear = values['school-year'];
  const { schoolYearStart } = await import('../../../libs/domain/src/case/calendar');
  if (schoolYear !== undefined && (typeof schoolYear !== 'string' || schoolYearStart(schoolYear) === null))
    usageError(USAGE, '--school-year must be a school year such as 2025-26');
  const { existsSync } = await import('node:fs');
  if (!existsSync(file)) usageError(USAGE, `No such file: ${file}`);
  const { formatSummary, importDirectly, importOverHttp } = await import('./import-command');
  const options = {
    kind: kind as (typeof IMPORT_KINDS)[number],
    file,
    districtId: typeof district === 'string' ? district : null,
    schoolYear: typeof schoolYear === 'string' ? schoolYear : null,
  };
  let summary;
  if (process.env.LEAP_URL) {
    summary = await importOverHttp(process.env.LEAP_URL, process.env.LEAP_TOKEN, options);
  } else {
    const { openApplicationStores } =
      await import('../../../libs/privacy/src/stored-events/application-event-store');
    const { loadPseudonymKey } = await import('../../../libs/privacy/src/pseudonym-key');
    const { createPseudonymizer } = await import('../../../libs/privacy/src/pseudonyms');
    const { store } = openApplicationStores(process.env);
    try {
      summary = await importDirectly(store, createPseudonymizer(loadPseudonymKey(process.env)), options);
    } finally {
      await store.close();
    }
  }
  process.stdout.write(formatSummary(options.kind, summary));
  return summary.status === 'completed' ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
