import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ForbiddenError, coversScope, type Principal } from '@leap/auth';
import { handleCommand, type CommandContext } from '@leap/commands';
import {
  candidateDecider,
  candidateStreamOf,
  notFound,
  type CandidateCommand,
  type CandidateEvent,
  type CandidateState,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { CommandCtx, CommandRoute, districtTimeZone, localDate, type ProblemCodes } from '@leap/http';
import { CandidateAnswer, DismissCandidateDto } from './candidates.dto';

const ON_CANDIDATE: ProblemCodes = {
  403: ['role_not_allowed'],
  404: ['candidate_not_found'],
  409: ['candidate_not_open', 'already_claimed'],
};
const CANDIDATE_ROLES = ['attendance_team', 'coordinator', 'admin'];

/**
 * Working a candidate for identification (`new_candidate` follow-ups, on the candidate's own stream
 * `candidate-<candidateId>`): the school's attendance team, the district's coordinators and admins.
 * A candidate outside the caller's district or schools answers 404 like one that does not exist; one
 * whose follow-up was dismissed or resolved (the student was identified) answers 409
 * `candidate_not_open`; one claimed by someone else, 409 `already_claimed`.
 */
@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('v1/candidates/:candidateId')
export class CandidatesController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Take the candidate's open follow-up: it is yours until you dismiss it or the student is identified. */
  @Post('claim')
  @HttpCode(200)
  @CommandRoute(
    { type: CandidateAnswer, description: 'The candidate is yours (or already was).' },
    ON_CANDIDATE,
  )
  claim(
    @Param('candidateId') candidateId: string,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CandidateAnswer> {
    return this.change(candidateId, p, ctx, { type: 'ClaimCandidate', data: {}, actorId: p.sub });
  }

  /** Decide not to identify the student now, with a coded reason. */
  @Post('dismiss')
  @HttpCode(200)
  @CommandRoute({ type: CandidateAnswer, description: 'The candidate is dismissed.' }, ON_CANDIDATE)
  dismiss(
    @Param('candidateId') candidateId: string,
    @Body() dto: DismissCandidateDto,
    @CurrentPrincipal() p: Principal,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CandidateAnswer> {
    const dismissedOn = dto.dismissedOn ?? localDate(ctx.receivedAt, districtTimeZone());
    return this.change(candidateId, p, ctx, {
      type: 'DismissCandidate',
      data: { reasonCode: dto.reasonCode, dismissedOn },
      actorId: p.sub,
    });
  }

  private async change(
    candidateId: string,
    principal: Principal,
    context: CommandContext,
    command: CandidateCommand,
  ): Promise<CandidateAnswer> {
    const outcome = await handleCommand<CandidateCommand, CandidateEvent, CandidateState>({
      store: this.store,
      streamId: candidateStreamOf(candidateId),
      decider: candidateDecider,
      context,
      command,
      scopeOf: (state) =>
        state.status === 'none'
          ? { districtId: null, schoolId: null }
          : { districtId: state.districtId, schoolId: state.schoolId },
      authorize: (state) => {
        if (state.status === 'none' || !coversScope(principal, state.districtId, state.schoolId))
          throw notFound('candidate_not_found', `Candidate ${candidateId} not found`);
        if (!CANDIDATE_ROLES.includes(principal.role))
          throw new ForbiddenError('role_not_allowed', `Role ${principal.role} may not work candidates`);
      },
    });
    // The follow-up the events name; for a repeated claim (nothing appended), the open one.
    const { state } = outcome;
    const open = state.status === 'listed' ? state.followUps.find((f) => f.state === 'open') : undefined;
    const followUpId =
      (outcome.appended[0] as CandidateEvent | undefined)?.data.followUpId ?? open?.followUpId ?? '';
    return {
      candidateId,
      followUpId,
      revision: Number(outcome.revision ?? 0),
      position: outcome.position,
    };
  }
}
