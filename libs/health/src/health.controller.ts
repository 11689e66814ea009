import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { Public } from '@leap/auth';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { REDIS } from './redis.provider';

const CHECK_TIMEOUT_MS = 2_000;

/** Unauthenticated probes; they reveal no data. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  live() {
    return { status: 'ok' };
  }

  /** Readiness: the event store and Redis are reachable. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const [eventStore, redis] = await Promise.all([
      probe(() => this.store.ping()),
      probe(async () => void (await this.redis.ping())),
    ]);
    const ready = eventStore === 'up' && redis === 'up';
    response.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ready' : 'not_ready', checks: { eventStore, redis } };
  }
}

async function probe(check: () => Promise<void>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
