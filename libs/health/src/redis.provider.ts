import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

export const REDIS = Symbol('REDIS');

/** Redis URL (REDIS_URL, default redis://127.0.0.1:6379). */
export function redisUrl(): string {
  return process.env.REDIS_URL || 'redis://127.0.0.1:6379';
}

/**
 * One shared Redis connection. Redis is not a source of truth: commands never wait for it, so
 * the client does not queue commands while disconnected and fails fast instead.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      useFactory: () => {
        const redis = new Redis(redisUrl(), {
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2_000,
        });
        // ioredis reconnects on its own; report the outage once per disconnection, not on every retry.
        let reported = false;
        redis.on('error', (error: Error) => {
          if (!reported) new Logger('Redis').warn(`Redis unreachable (${error.message}); retrying`);
          reported = true;
        });
        redis.on('ready', () => (reported = false));
        return redis;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
