import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import { reasonPii, type CaseCommand } from '@leap/domain';
import { CommandCtx, CommandRoute } from '@leap/http';
import { ON_CASE } from './case-problems';
import { AssignVisitorsCommand } from './commands/assign-visitors.handler';
import { ChangeCaseCommand } from './commands/change-case.handler';
import { ReopenCaseCommand } from './commands/reopen-case.handler';
import { CaseCommandAnswer } from './dto/case-answers.dto';
import {
  ClosureDto,
  ConsentOfferDto,
  ConsentResponseDto,
  ReopeningDto,
  TransferDto,
  VisitorAssignmentDto,
} from './dto/case-entries.dto';

/**
 * A case's course: its visitors, the family's consent, a move to another school, closing and
 * reopening. Each answers `{ caseId, revision, position }`.
 */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId')
export class CaseLifecycleController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('visitor-assignments')
  @HttpCode(200)
  @CommandRoute({ type: CaseCommandAnswer, description: 'The case’s visitors are replaced.' }, ON_CASE, {
    409: ['case_closed', 'date_before_identification', 'visitor_not_found', 'visitor_not_trained'],
  })
  assignVisitors(
    @Param('caseId') caseId: string,
    @Body() dto: VisitorAssignmentDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CaseCommandAnswer> {
    return this.commandBus.execute(new AssignVisitorsCommand(caseId, p, ctx, dto));
  }

  @Post('consent-offers')
  @HttpCode(200)
  @CommandRoute({ type: CaseCommandAnswer, description: 'The offer is recorded.' }, ON_CASE, {
    409: ['case_closed', 'date_before_identification', 'consent_already_granted'],
  })
  offerConsent(
    @Param('caseId') caseId: string,
    @Body() dto: ConsentOfferDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CaseCommandAnswer> {
    return this.change(caseId, p, ctx, {
      type: 'OfferConsent',
      data: { offeredOn: dto.offeredOn, channel: dto.channel },
      actorId: p.sub,
    });
  }

  @Post('consent-responses')
  @HttpCode(200)
  @CommandRoute({ type: CaseCommandAnswer, description: 'The family’s answer is recorded.' }, ON_CASE, {
    409: ['case_closed', 'date_before_identification', 'consent_not_offered', 'consent_not_granted'],
  })
  respondToConsent(
    @Param('caseId') caseId: string,
    @Body() dto: ConsentResponseDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CaseCommandAnswer> {
    const { respondedOn, decision } = dto;
    const data = { respondedOn, decision, reasonCode: dto.reasonCode ?? null, pii: reasonPii(dto.reason) };
    return this.change(caseId, p, ctx, { type: 'RecordConsentResponse', data, actorId: p.sub });
  }

  /** The student changed school within the district: the case moves to the new school's scope. */
  @Post('transfer')
  @HttpCode(200)
  @CommandRoute({ type: CaseCommandAnswer, description: 'The case is at the new school.' }, ON_CASE, {
    404: ['school_not_found', 'district_not_found'],
    409: ['case_closed', 'date_before_identification', 'same_school'],
  })
  transfer(
    @Param('caseId') caseId: string,
    @Body() dto: TransferDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CaseCommandAnswer> {
    return this.change(caseId, p, ctx, {
      type: 'TransferCase',
      data: { toSchoolId: dto.toSchoolId, transferredOn: dto.transferredOn },
      actorId: p.sub,
    });
  }

  @Post('closure')
  @HttpCode(200)
  @CommandRoute({ type: CaseCommandAnswer, description: 'The case is closed.' }, ON_CASE, {
    409: ['case_closed', 'date_before_identification'],
  })
  close(
    @Param('caseId') caseId: string,
    @Body() dto: ClosureDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CaseCommandAnswer> {
    return this.change(caseId, p, ctx, {
      type: 'CloseCase',
      data: { closedOn: dto.closedOn, reason: dto.reason },
      actorId: p.sub,
    });
  }

  @Post('reopening')
  @HttpCode(200)
  @CommandRoute({ type: CaseCommandAnswer, description: 'The case is open again.' }, ON_CASE, {
    409: ['case_not_closed', 'date_before_identification', 'case_already_open'],
  })
  reopen(
    @Param('caseId') caseId: string,
    @Body() dto: ReopeningDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CaseCommandAnswer> {
    return this.commandBus.execute(
      new ReopenCaseCommand(caseId, p, ctx, {
        reopenedOn: dto.reopenedOn,
        reasonCode: dto.reasonCode ?? null,
        pii: reasonPii(dto.reason),
      }),
    );
  }

  private change(caseId: string, principal: Principal, context: CommandContext, command: CaseCommand) {
    return this.commandBus.execute(new ChangeCaseCommand(caseId, principal, context, command));
  }
}
