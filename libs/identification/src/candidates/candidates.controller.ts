import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessRecorder, CurrentRoute, type AccessedRoute } from '@leap/access-log';
import { STUDENT_ATTENDANCE } from '@leap/attendance';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import { CASE_SUMMARIES } from '@leap/case-summaries';
import { QueryRoute, RequestValidationError } from '@leap/http';
import { ReadYourWrites } from '@leap/projections';
import { decodeCandidateCursor } from './candidate-cursor';
import { CandidatePage, DEFAULT_PAGE_SIZE, ListCandidatesQuery } from './candidates.dto';
import { IdentificationCandidates } from './candidates.service';

/**
 * `GET /v1/identification-candidates`: the district's students without an open case whom its
 * targeting approach covers, highest need first, each with why it is listed.
 */
@ApiTags('identification')
@ApiBearerAuth()
@Controller('v1/identification-candidates')
export class CandidatesController {
  constructor(
    private readonly candidates: IdentificationCandidates,
    private readonly readYourWrites: ReadYourWrites,
    private readonly recorder: AccessRecorder,
  ) {}

  @Get()
  @QueryRoute(
    { type: CandidatePage, description: 'One page of candidates, highest need first.' },
    {
      403: ['role_not_allowed'],
      404: ['district_not_found'],
      503: ['read_model_behind', 'event_store_unavailable'],
    },
  )
  async list(
    @Query() query: ListCandidatesQuery,
    @CurrentPrincipal() principal: Principal,
    @CurrentRoute() route: AccessedRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CandidatePage> {
    this.candidates.districtOf(principal, query.districtId); // 403 before waiting for anything
    const cursor = query.cursor === undefined ? undefined : decodeCandidateCursor(query.cursor);
    if (cursor === null) {
      throw new RequestValidationError([
        { path: 'cursor', reason: 'cursor must be a nextCursor this API returned' },
      ]);
    }
    // Both read models listing depends on: imported figures, and which students have an open case.
    await this.readYourWrites.waitFor(STUDENT_ATTENDANCE, query.minPosition, response);
    await this.readYourWrites.waitFor(CASE_SUMMARIES, query.minPosition, response);
    const page = await this.candidates.list(principal, {
      districtId: query.districtId,
      schoolId: query.schoolId,
      cursor,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
    });
    // State student ids are personal data: recorded before the page leaves (nothing for monitors).
    const students = page.items.filter((item) => item.studentId !== null).map((item) => item.student);
    await this.recorder.servedStudents(principal, route, page.districtId, students);
    return page;
  }
}
