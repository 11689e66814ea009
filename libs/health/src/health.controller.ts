import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { Public } from '@leap/auth';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { checkReadiness } from './readiness';
import { REDIS } from './redis.provider';

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
    const { ready, body } = await checkReadiness(this.store, this.redis);
    response.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
