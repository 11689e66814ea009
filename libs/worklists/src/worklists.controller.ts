import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessRecorder, CurrentRoute, type AccessedRoute } from '@leap/access-log';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import { QueryRoute, RequestValidationError } from '@leap/http';
import { ReadYourWrites } from '@leap/projections';
import { summaryScopeOf } from '@leap/case-summaries';
import { decodeWorklistCursor } from './worklist-cursor';
import { DEFAULT_PAGE_SIZE, ListWorklistQuery } from './list-worklist.dto';
import { WorklistPage } from './worklists.dto';
import { WORKLISTS } from './worklists.projection';
import { Worklists } from './worklists.service';

/**
 * `GET /v1/worklists`: the follow-up items a team works, overdue first, then by severity, then by
 * due time. Scoped exactly like case reads; fidelity monitors read it without student names.
 */
@ApiTags('worklists')
@ApiBearerAuth()
@Controller('v1/worklists')
export class WorklistsController {
  constructor(
    private readonly worklists: Worklists,
    private readonly readYourWrites: ReadYourWrites,
    private readonly recorder: AccessRecorder,
  ) {}

  /** `state=open` (default) lists overdue items first, then by severity, then by due time. */
  @Get()
  @QueryRoute(
    { type: WorklistPage, description: 'One page of follow-up items in scope.' },
    {
      403: ['role_not_allowed'],
      503: ['read_model_behind', 'event_store_unavailable'],
    },
  )
  async list(
    @Query() query: ListWorklistQuery,
    @CurrentPrincipal() principal: Principal,
    @CurrentRoute() route: AccessedRoute,
    @Res({ passthrough: true }) response: Response,
  ) {
    summaryScopeOf(principal); // 403 before waiting for anything
    const cursor = query.cursor === undefined ? undefined : decodeWorklistCursor(query.cursor);
    if (cursor === null) {
      throw new RequestValidationError([
        { path: 'cursor', reason: 'cursor must be a nextCursor this API returned' },
      ]);
    }
    await this.readYourWrites.waitFor(WORKLISTS, query.minPosition, response);
    const page = await this.worklists.list(principal, {
      schoolId: query.schoolId,
      assignee: query.assignee,
      state: query.state ?? 'open',
      cursor,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
    });
    // Recorded before the page leaves (see AccessRecorder); an empty page carries nobody's data.
    // Candidates' items name no family (a pseudonym and figures only) and no case: nothing to record.
    const cases = page.items.flatMap(({ caseId, districtId }) =>
      caseId === null ? [] : [{ caseId, districtId }],
    );
    await this.recorder.served(principal, route, cases);
    return page;
  }
}
