import { Module } from '@nestjs/common';
import { ImportRunner } from './api/import-runner.service';
import { ImportStatusReader } from './api/import-status.reader';
import { ImportsController } from './api/imports.controller';

/** File imports over HTTP: `POST /v1/imports/{kind}` and `GET /v1/imports/{importId}`. */
@Module({
  controllers: [ImportsController],
  providers: [ImportRunner, ImportStatusReader],
})
export class IntakeModule {}
