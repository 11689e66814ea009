import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import { QueryRoute, RequestValidationError } from '@leap/http';
import { accessLogDistrictOf } from './access-log-scope';
import { AccessLogPage, DEFAULT_PAGE_SIZE, ListAccessLogQuery } from './access-log.dto';
import { decodeAccessCursor, encodeAccessCursor } from './access-log.query';
import { AccessLog } from './access-log.service';

/** An instant as the read model stores it (UTC, milliseconds), so text order is time order. */
export const utcInstant = (instant: string | undefined) =>
  instant === undefined ? undefined : new Date(instant).toISOString();

/**
 * `GET /v1/access-log`: who received which families' personal data, and refused attempts, oldest
 * first. Reading it is an access to audit data (logins, roles, case ids), not to personal data, so
 * it is not itself recorded.
 */
@ApiTags('access log')
@ApiBearerAuth()
@Controller('v1/access-log')
export class AccessLogController {
  constructor(private readonly accessLog: AccessLog) {}

  /** Coordinators and admins: their district's entries; a state-wide admin: any (or `districtId`). */
  @Get()
  @QueryRoute(
    { type: AccessLogPage, description: 'One page of access entries, oldest first.' },
    { 403: ['role_not_allowed', 'out_of_scope'], 503: ['read_model_behind', 'event_store_unavailable'] },
  )
  async list(
    @Query() query: ListAccessLogQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AccessLogPage> {
    const districtId = accessLogDistrictOf(principal, query.districtId); // 403 before anything else
    const after = query.cursor === undefined ? undefined : decodeAccessCursor(query.cursor);
    if (after === null) {
      throw new RequestValidationError([
        { path: 'cursor', reason: 'cursor must be a nextCursor this API returned' },
      ]);
    }
    const page = await this.accessLog.page(
      {
        districtId,
        caseId: query.caseId,
        actorId: query.actorId,
        from: utcInstant(query.from),
        to: utcInstant(query.to),
        after,
        limit: query.limit ?? DEFAULT_PAGE_SIZE,
      },
      response,
    );
    return { items: page.entries, nextCursor: page.next ? encodeAccessCursor(page.next) : null };
  }
}
