import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { RedisModule } from './redis.provider';

@Module({ imports: [RedisModule], controllers: [HealthController] })
export class HealthModule {}
