/**
 * Follow-up timer scheduling: delayed BullMQ jobs added with `addBulk` in batches of 500 (what the
 * scheduler and the reconciler do) against `add` one job at a time, measured in the same run on the
 * same Redis. Also re-scheduling the same ids (the reconciler's steady state: BullMQ ignores a
 * job id it already holds). Each scenario uses its own queue prefix, removed afterwards.
 *
 *   npx tsx bench/follow-up-scheduling.ts        (REDIS_URL, default redis://127.0.0.1:6379)
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { TIMER_JOB, TIMER_JOB_OPTIONS, timerJobId, timerKey } from '../libs/follow-ups/src/queue/timer-jobs';
import type { BenchRow } from './event-store-appends';

const JOBS = 20_000;
const BATCH = 500;
const DAY_MS = 86_400_000;

function timerJobs(count: number) {
  const dueAt = new Date(Date.now() + DAY_MS).toISOString();
  return Array.from({ length: count }, (_, i) => {
    const data = {
      installationId: 'bench',
      caseId: `case-${i}`,
      ruleId: 'first_visit' as const,
      triggerEventId: randomUUID(),
      dueAt,
      generation: 1,
    };
    return {
      name: TIMER_JOB,
      data,
      opts: { ...TIMER_JOB_OPTIONS, jobId: timerJobId(timerKey(data.caseId, data), 1), delay: DAY_MS },
    };
  });
}

async function withQueue<T>(run: (queue: Queue) => Promise<T>): Promise<T> {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue('follow-ups', { connection, prefix: `leap-bench-${randomUUID().slice(0, 8)}` });
  try {
    await queue.waitUntilReady();
    return await run(queue);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  }
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function runFollowUpSchedulingBench(): Promise<BenchRow[]> {
  const jobs = timerJobs(JOBS);
  const bulk = await withQueue(async (queue) => {
    const first = await timed(async () => {
      for (let i = 0; i < jobs.length; i += BATCH) await queue.addBulk(jobs.slice(i, i + BATCH));
    });
    const again = await timed(async () => {
      for (let i = 0; i < jobs.length; i += BATCH) await queue.addBulk(jobs.slice(i, i + BATCH));
    });
    const delayed = await queue.getDelayedCount();
    return { first, again, delayed };
  });
  const single = await withQueue(async (queue) => ({
    seconds: await timed(async () => {
      for (const job of jobs) await queue.add(job.name, job.data, job.opts);
    }),
  }));
  const perSecond = (seconds: number) => Math.round(JOBS / seconds);
  return [
    {
      name: `addBulk, ${BATCH} per call`,
      value: perSecond(bulk.first),
      unit: 'jobs/s',
      note: `${JOBS} delayed jobs`,
    },
    {
      name: 'add, one job per call (awaited)',
      value: perSecond(single.seconds),
      unit: 'jobs/s',
      note: `${JOBS} delayed jobs`,
    },
    {
      name: 'addBulk / add',
      value: Math.round((single.seconds / bulk.first) * 10) / 10,
      unit: 'x',
      note: 'same run, same Redis',
    },
    {
      name: `addBulk again, same ids (reconciler steady state)`,
      value: perSecond(bulk.again),
      unit: 'jobs/s',
      note: `${bulk.delayed} delayed jobs afterwards: duplicates ignored`,
    },
  ];
}

if (require.main === module) {
  runFollowUpSchedulingBench()
    .then((rows) => console.table(rows.map((row) => ({ ...row, value: row.value.toLocaleString('en-US') }))))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
