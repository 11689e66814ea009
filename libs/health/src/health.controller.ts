import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { Public } from '@leap/auth';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { ProbeRoute } from '@leap/http';
import { KEY_STORE, type KeyStore } from '@leap/privacy';
import { LivenessView, ReadinessView } from './health.dto';
import { checkReadiness } from './readiness';
import { REDIS } from './redis.provider';

/** Unauthenticated probes; they reveal no data, and are never rate limited (load balancers poll them). */
@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  @ProbeRoute({ type: LivenessView, description: 'The process answers.' })
  live(): LivenessView {
    return { status: 'ok' };
  }

  /** Readiness: the event store, Redis and the key store are reachable. */
  @Get('ready')
  @ProbeRoute({
    type: ReadinessView,
    description: 'The event store, Redis and the key store all answered within 2 s.',
  })
  @ApiResponse({
    status: 503,
    type: ReadinessView,
    description: 'The event store, Redis or the key store did not answer within 2 s; `checks` says which.',
  })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessView> {
    const { ready, body } = await checkReadiness(this.store, this.redis, this.keys);
    response.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
