import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import type { Pseudonymize } from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { localDate, QueryRoute, READS_EVENT_STORE } from '@leap/http';
import { PSEUDONYMIZE } from '@leap/privacy';
import { RegistryReader } from '@leap/registry';
import { streamNdjson } from './ndjson-response';
import { timelineScopeOf } from './timeline-access';
import { TimelineQueryDto, typesOf } from './timeline.dto';
import { timelineLines } from './timeline-reader';

/**
 * `GET /v1/timeline`: the program's events in business-date order, one JSON object per line,
 * de-identified for every reader (see `timeline-line.ts`). It serves no personal data, so reading
 * it is not recorded in the access log.
 */
@ApiTags('timeline')
@ApiBearerAuth()
@Controller('v1/timeline')
export class TimelineController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PSEUDONYMIZE) private readonly pseudonymize: Pseudonymize,
    private readonly registry: RegistryReader,
  ) {}

  @Get()
  @QueryRoute(
    {
      type: String,
      produces: 'application/x-ndjson',
      description:
        'One de-identified event per line (business date, recorded-at, category, type, pseudonymous ids, district, school, coded data), in business-date order, streamed.',
    },
    READS_EVENT_STORE,
    { 403: ['role_not_allowed'], 404: ['district_not_found', 'school_not_found'] },
  )
  async timeline(
    @Query() query: TimelineQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res() response: Response,
  ): Promise<void> {
    const { district, schoolIds } = await timelineScopeOf(principal, query, this.registry);
    const lines = timelineLines(
      {
        store: this.store,
        pseudonymize: this.pseudonymize,
        localDateOf: (instant) => localDate(new Date(instant), district.timeZone),
      },
      {
        districtId: district.districtId,
        schoolIds,
        from: query.from ?? null,
        to: query.to ?? null,
        types: query.types === undefined ? null : new Set(typesOf(query.types)),
        knownAt: query.knownAt === undefined ? null : Date.parse(query.knownAt),
      },
    );
    await streamNdjson(response, lines);
  }
}
