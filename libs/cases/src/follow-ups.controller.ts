import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import type { CaseCommand } from '@leap/domain';
import { CommandCtx, CommandRoute, districtTimeZone, localDate } from '@leap/http';
import { ON_CASE } from './case-problems';
import { FollowUpAnswer } from './dto/case-answers.dto';
import { ChangeCaseCommand } from './commands/change-case.handler';
import type { CaseCommandResponse } from './case-streams';
import { CompleteFollowUpDto, SnoozeFollowUpDto } from './dto/follow-ups.dto';

/**
 * Working a case's follow-ups. Each action is an event on the case. An item someone else claimed
 * answers 409 `already_claimed`; a completed or resolved one answers 409 `follow_up_closed`.
 */
@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/follow-ups/:followUpId')
export class FollowUpsController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Take the item: it is yours until you complete it. Claiming your own item again changes nothing. */
  @Post('claim')
  @HttpCode(200)
  @CommandRoute({ type: FollowUpAnswer, description: 'The item is yours (or already was).' }, ON_CASE, {
    404: ['follow_up_not_found'],
    409: ['case_closed', 'follow_up_closed', 'already_claimed'],
  })
  claim(
    @Param('caseId') caseId: string,
    @Param('followUpId') followUpId: string,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<FollowUpAnswer> {
    return this.change(caseId, followUpId, p, ctx, {
      type: 'ClaimFollowUp',
      data: { followUpId },
      actorId: p.sub,
    });
  }

  @Post('complete')
  @HttpCode(200)
  @CommandRoute({ type: FollowUpAnswer, description: 'The item is completed.' }, ON_CASE, {
    404: ['follow_up_not_found'],
    409: ['case_closed', 'date_before_identification', 'follow_up_closed', 'already_claimed'],
  })
  complete(
    @Param('caseId') caseId: string,
    @Param('followUpId') followUpId: string,
    @Body() dto: CompleteFollowUpDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<FollowUpAnswer> {
    const completedOn = dto.completedOn ?? localDate(ctx.receivedAt, districtTimeZone());
    return this.change(caseId, followUpId, p, ctx, {
      type: 'CompleteFollowUp',
      data: { followUpId, resolution: dto.resolution ?? null, completedOn, pii: { outcome: dto.outcome } },
      actorId: p.sub,
    });
  }

  /** Set the item aside until an instant; it stays claimed by whoever holds it. */
  @Post('snooze')
  @HttpCode(200)
  @CommandRoute({ type: FollowUpAnswer, description: 'The item is set aside until `until`.' }, ON_CASE, {
    404: ['follow_up_not_found'],
    409: ['case_closed', 'follow_up_closed', 'already_claimed', 'snooze_not_in_future', 'snooze_too_far'],
  })
  snooze(
    @Param('caseId') caseId: string,
    @Param('followUpId') followUpId: string,
    @Body() dto: SnoozeFollowUpDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<FollowUpAnswer> {
    return this.change(caseId, followUpId, p, ctx, {
      type: 'SnoozeFollowUp',
      data: {
        followUpId,
        until: new Date(dto.until).toISOString(),
        requestedAt: ctx.receivedAt.toISOString(),
      },
      actorId: p.sub,
    });
  }

  private async change(
    caseId: string,
    followUpId: string,
    principal: Principal,
    context: CommandContext,
    command: CaseCommand,
  ) {
    const response = await this.commandBus.execute<ChangeCaseCommand, CaseCommandResponse>(
      new ChangeCaseCommand(caseId, principal, context, command),
    );
    return { ...response, followUpId };
  }
}
