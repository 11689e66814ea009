import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentRoute, type AccessedRoute } from '@leap/access-log';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import { deterministicUuid, type CommandContext } from '@leap/commands';
import { schoolYearOf } from '@leap/domain';
import { CommandCtx, CommandRoute, QueryRoute, READS_EVENT_STORE } from '@leap/http';
import { ON_CASE } from './case-problems';
import { IdentifyStudentCommand } from './commands/identify-student.handler';
import { CaseHistoryQueryDto } from './dto/case-history.dto';
import { CaseCommandAnswer } from './dto/case-answers.dto';
import { CaseAccessLogView, CaseHistoryView } from './dto/case-history-view.dto';
import { CaseView } from './dto/case-view.dto';
import { IdentifyStudentDto } from './dto/identify-student.dto';
import { DEFAULT_HISTORY_PAGE } from './queries/history-limits';
import { CaseQueries } from './queries/case-queries.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases')
export class CasesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: CaseQueries,
  ) {}

  /** Identify a student: opens the student's LEAP case (one open case per student). */
  @Post()
  @CommandRoute(
    { status: 201, type: CaseCommandAnswer, description: 'The case is open; `caseId` names it.' },
    {
      403: ['role_not_allowed', 'out_of_scope'],
      404: ['district_not_found', 'school_not_found'],
      409: ['case_already_open'],
    },
  )
  identify(
    @Body() dto: IdentifyStudentDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CaseCommandAnswer> {
    return this.commandBus.execute(
      new IdentifyStudentCommand(principal, context, {
        caseId: deterministicUuid(context.commandId, 'case'),
        studentId: dto.studentId,
        districtId: dto.districtId,
        schoolId: dto.schoolId,
        schoolYear: dto.schoolYear ?? schoolYearOf(dto.identifiedOn),
        grade: dto.grade,
        identifiedOn: dto.identifiedOn,
        baseline: dto.baseline && {
          asOf: dto.baseline.asOf,
          daysEnrolled: dto.baseline.daysEnrolled,
          daysAbsent: dto.baseline.daysAbsent,
        },
        // Left undefined when omitted: the imported roster's values (else false / null) fill them in.
        flags: dto.flags && { ...dto.flags },
        homeLanguage: dto.homeLanguage,
        householdId: dto.householdId ?? null,
        targetingApproach: dto.targetingApproach,
        pii: { ...dto.pii },
      }),
    );
  }

  /** The case's current state; `ETag` carries its revision, for `If-Match` on the next command. */
  @Get(':caseId')
  @QueryRoute(
    {
      type: CaseView,
      description: 'The case; a read that serves personal data is recorded in the access log.',
      headers: {
        ETag: {
          description:
            'The case stream\'s revision, quoted (`"7"`): send it as `If-Match` on the next command.',
          schema: { type: 'string', pattern: '^"[0-9]+"$' },
        },
      },
    },
    READS_EVENT_STORE,
    ON_CASE,
  )
  async get(
    @Param('caseId') caseId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentRoute() route: AccessedRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView> {
    const view = await this.queries.getCase(caseId, principal, route);
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  /**
   * The case's audited history; `?knownAt=<instant>`: as the system knew it then. Whole (up to
   * `LEAP_HISTORY_MAX_EVENTS` events, else 409 `history_too_long`), or one page with `fromRevision`
   * and/or `limit`, whose `next` links the following page.
   */
  @Get(':caseId/history')
  @QueryRoute(
    {
      type: CaseHistoryView,
      description:
        'The history, or one page of it; a read that serves personal data is recorded in the access log.',
    },
    READS_EVENT_STORE,
    ON_CASE,
    { 409: ['history_too_long'] },
  )
  history(
    @Param('caseId') caseId: string,
    @Query() query: CaseHistoryQueryDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentRoute() route: AccessedRoute,
  ) {
    const asOf = query.knownAt ?? query.asOf;
    if (query.fromRevision === undefined && query.limit === undefined)
      return this.queries.getHistory(caseId, principal, route, asOf);
    return this.queries.getHistoryPage(caseId, principal, route, {
      fromRevision: query.fromRevision ?? 0,
      limit: query.limit ?? DEFAULT_HISTORY_PAGE,
      ...(asOf === undefined ? {} : { asOf }),
    });
  }

  /** Who received this case's personal data (or was refused it), and when: the access log of the case. */
  @Get(':caseId/access-log')
  @QueryRoute(
    { type: CaseAccessLogView, description: 'Every recorded access, oldest first.' },
    READS_EVENT_STORE,
    ON_CASE,
    { 503: ['read_model_behind'] },
  )
  accessLog(
    @Param('caseId') caseId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.queries.getAccessLog(caseId, principal, response);
  }
}
