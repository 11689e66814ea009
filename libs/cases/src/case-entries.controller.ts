import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import { deterministicUuid, type CommandContext } from '@leap/commands';
import { reasonPii, type CaseCommand } from '@leap/domain';
import { CommandCtx, CommandRoute, districtTimeZone, localDate } from '@leap/http';
import { ON_CASE } from './case-problems';
import { ChangeCaseCommand } from './commands/change-case.handler';
import {
  AttendanceCheckAnswer,
  CaseCommandAnswer,
  FollowUpCallAnswer,
  ReferralAnswer,
  VisitAnswer,
} from './dto/case-answers.dto';
import {
  AttendanceCheckDto,
  FollowUpCallDto,
  ReferralDto,
  ReferralOutcomeDto,
  VisitDto,
  VisitOutcomeDto,
  VoidEntryDto,
} from './dto/case-entries.dto';
import { visitCommand } from './visit-commands';

/**
 * Entries on an existing case: visits, follow-up calls, referrals and their outcomes, attendance
 * checks, and voiding any of them. Each answers `{ caseId, revision, position }` plus the id it created.
 */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId')
export class CaseEntriesController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Schedule a visit, or record one that was held. */
  @Post('visits')
  @CommandRoute(
    { status: 201, type: VisitAnswer, description: 'The visit is recorded; `visitId` names it.' },
    ON_CASE,
    {
      409: [
        'case_closed',
        'date_before_identification',
        'consent_required',
        'visit_out_of_order',
        'visitor_not_found',
      ],
    },
  )
  async recordVisit(
    @Param('caseId') caseId: string,
    @Body() dto: VisitDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<VisitAnswer> {
    const visitId = deterministicUuid(ctx.commandId, 'visit');
    return { ...(await this.change(caseId, p, ctx, visitCommand(visitId, dto, p.sub, false))), visitId };
  }

  /** Resolve a scheduled visit: held, missed or cancelled. */
  @Post('visits/:visitId/outcome')
  @HttpCode(200)
  @CommandRoute({ type: VisitAnswer, description: 'The scheduled visit is resolved.' }, ON_CASE, {
    404: ['visit_not_found'],
    409: [
      'case_closed',
      'date_before_identification',
      'consent_required',
      'visit_already_resolved',
      'visit_out_of_order',
      'visitor_not_found',
    ],
  })
  async resolveVisit(
    @Param('caseId') caseId: string,
    @Param('visitId') visitId: string,
    @Body() dto: VisitOutcomeDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<VisitAnswer> {
    return { ...(await this.change(caseId, p, ctx, visitCommand(visitId, dto, p.sub, true))), visitId };
  }

  @Post('follow-up-calls')
  @CommandRoute(
    { status: 201, type: FollowUpCallAnswer, description: 'The call is recorded; `callId` names it.' },
    ON_CASE,
    { 409: ['case_closed', 'date_before_identification', 'consent_required'] },
  )
  async recordCall(
    @Param('caseId') caseId: string,
    @Body() dto: FollowUpCallDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<FollowUpCallAnswer> {
    const callId = deterministicUuid(ctx.commandId, 'call');
    const data = { callId, calledOn: dto.calledOn, outcome: dto.outcome, pii: { ...dto.pii } };
    return {
      ...(await this.change(caseId, p, ctx, { type: 'RecordFollowUpCall', data, actorId: p.sub })),
      callId,
    };
  }

  /** Refer the family to a resource type, and to a partner of the district's directory offering it once one is chosen. */
  @Post('referrals')
  @CommandRoute(
    { status: 201, type: ReferralAnswer, description: 'The referral is recorded; `referralId` names it.' },
    ON_CASE,
    {
      409: [
        'case_closed',
        'date_before_identification',
        'consent_required',
        'partner_not_found',
        'resource_type_not_offered',
      ],
    },
  )
  async refer(
    @Param('caseId') caseId: string,
    @Body() dto: ReferralDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<ReferralAnswer> {
    const referralId = deterministicUuid(ctx.commandId, 'referral');
    const data = {
      referralId,
      referredOn: dto.referredOn,
      resourceType: dto.resourceType,
      partnerId: dto.partnerId ?? null,
      pii: { ...dto.pii },
    };
    return {
      ...(await this.change(caseId, p, ctx, { type: 'ReferResource', data, actorId: p.sub })),
      referralId,
    };
  }

  @Post('referrals/:referralId/outcome')
  @HttpCode(200)
  @CommandRoute({ type: ReferralAnswer, description: 'The outcome is recorded.' }, ON_CASE, {
    404: ['referral_not_found'],
    409: ['case_closed', 'date_before_identification'],
  })
  async referralOutcome(
    @Param('caseId') caseId: string,
    @Param('referralId') referralId: string,
    @Body() dto: ReferralOutcomeDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<ReferralAnswer> {
    const data = { referralId, recordedOn: dto.recordedOn, outcome: dto.outcome };
    return {
      ...(await this.change(caseId, p, ctx, { type: 'RecordReferralOutcome', data, actorId: p.sub })),
      referralId,
    };
  }

  @Post('attendance-checks')
  @CommandRoute(
    { status: 201, type: AttendanceCheckAnswer, description: 'The check is recorded; `checkId` names it.' },
    ON_CASE,
    { 409: ['case_closed', 'date_before_identification'] },
  )
  async checkAttendance(
    @Param('caseId') caseId: string,
    @Body() dto: AttendanceCheckDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<AttendanceCheckAnswer> {
    const checkId = deterministicUuid(ctx.commandId, 'attendance-check');
    const data = { checkId, asOf: dto.asOf, daysEnrolled: dto.daysEnrolled, daysAbsent: dto.daysAbsent };
    return {
      ...(await this.change(caseId, p, ctx, { type: 'CheckAttendance', data, actorId: p.sub })),
      checkId,
    };
  }

  /** Void a visit, call, referral or attendance check recorded in error; the original stays in the history. */
  @Post('entries/:entryId/void')
  @HttpCode(200)
  @CommandRoute(
    { type: CaseCommandAnswer, description: 'The entry is voided; the history keeps it.' },
    ON_CASE,
    {
      403: ['not_entry_author'],
      404: ['entry_not_found'],
      409: ['case_closed', 'date_before_identification', 'entry_already_voided'],
    },
  )
  voidEntry(
    @Param('caseId') caseId: string,
    @Param('entryId') entryId: string,
    @Body() dto: VoidEntryDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CaseCommandAnswer> {
    const voidedOn = dto.voidedOn ?? localDate(ctx.receivedAt, districtTimeZone());
    return this.change(caseId, p, ctx, {
      type: 'VoidEntry',
      data: { entryId, voidedOn, reasonCode: dto.reasonCode ?? null, pii: reasonPii(dto.reason) },
      actorId: p.sub,
    });
  }

  private change(caseId: string, principal: Principal, context: CommandContext, command: CaseCommand) {
    return this.commandBus.execute(new ChangeCaseCommand(caseId, principal, context, command));
  }
}
