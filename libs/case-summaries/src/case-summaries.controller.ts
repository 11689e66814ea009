import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessRecorder, CurrentRoute, type AccessedRoute } from '@leap/access-log';
import { CurrentPrincipal, ForbiddenError, type Principal } from '@leap/auth';
import { QueryRoute, RequestValidationError } from '@leap/http';
import { ReadYourWrites } from '@leap/projections';
import { CaseSummaryPage } from './case-summaries.dto';
import { CASE_SUMMARIES } from './case-summaries.projection';
import { CaseSummaries } from './case-summaries.service';
import { decodeCursor } from './cursor';
import { DEFAULT_PAGE_SIZE, ListCaseSummariesQuery } from './list-case-summaries.dto';
import { summaryScopeOf } from './summary-access';

/**
 * `GET /v1/cases`: the case list from the case-summaries read model. It shares the `v1/cases`
 * prefix with the case endpoints; `GET /v1/cases/:caseId` needs a path segment, so they never clash.
 */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases')
export class CaseSummariesController {
  constructor(
    private readonly summaries: CaseSummaries,
    private readonly readYourWrites: ReadYourWrites,
    private readonly recorder: AccessRecorder,
  ) {}

  /** Cases in scope, oldest identification first, cursor-paginated; filters narrow the scope. */
  @Get()
  @QueryRoute(
    { type: CaseSummaryPage, description: 'One page of cases in scope.' },
    {
      403: ['role_not_allowed'],
      503: ['read_model_behind', 'event_store_unavailable'],
    },
  )
  async list(
    @Query() query: ListCaseSummariesQuery,
    @CurrentPrincipal() principal: Principal,
    @CurrentRoute() route: AccessedRoute,
    @Res({ passthrough: true }) response: Response,
  ) {
    const scope = summaryScopeOf(principal); // 403 before waiting for anything
    if (query.q !== undefined && !scope.seesPii) {
      throw new ForbiddenError('role_not_allowed', `Role ${principal.role} may not search by student`);
    }
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (after === null) {
      throw new RequestValidationError([
        { path: 'cursor', reason: 'cursor must be a nextCursor this API returned' },
      ]);
    }
    await this.readYourWrites.waitFor(CASE_SUMMARIES, query.minPosition, response);
    const page = await this.summaries.list(principal, {
      schoolId: query.schoolId,
      status: query.status,
      stage: query.stage,
      tier: query.tier,
      assignedVisitorId: query.assignedVisitorId,
      q: query.q,
      after,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
    });
    // Recorded before the page leaves (see AccessRecorder); an empty page carries nobody's data.
    await this.recorder.served(principal, route, page.items);
    return page;
  }
}
