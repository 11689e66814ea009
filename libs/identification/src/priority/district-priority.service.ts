import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, type Principal } from '@leap/auth';
import { handleCommand, readHistory, toDomainEvent, type CommandContext } from '@leap/commands';
import { DISTRICT_PROFILE_STREAM_PREFIX, fold, type DistrictProfileFigures } from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { RequestValidationError } from '@leap/http';
import { parseWeights, rankDistricts, weightProblems, type NeedWeights } from '../domain/need-index';
import {
  PRIORITY_WEIGHTS_STREAM,
  priorityWeightsDecider,
  type PriorityWeightsSaved,
  type PriorityWeightsState,
  type SavePriorityWeights,
} from '../domain/priority-weights';
import type { PriorityView, PriorityWeightsAnswer } from './priority.dto';

/** State-wide roles: a state analyst, or an admin whose token names no district. */
function requireStateWide(principal: Principal, action: string, roles: readonly string[]): void {
  if (principal.districtId !== null || !roles.includes(principal.role))
    throw new ForbiddenError('role_not_allowed', `Only a state-wide ${roles.join(' or ')} may ${action}`);
}

/**
 * The state's ranking of districts by need (`need-index.ts`), over the latest profile of each
 * district (stream `districtprofile-<districtId>`). Profiles are reference data of a few hundred
 * districts, folded from their streams on each request.
 */
@Injectable()
export class DistrictPriority {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async rank(principal: Principal, weightsText: string | undefined): Promise<PriorityView> {
    requireStateWide(principal, 'rank districts', ['state_analyst', 'admin']);
    const saved = await this.savedWeights();
    let weights = saved.weights;
    if (weightsText !== undefined) {
      const parsed = parseWeights(weightsText, saved.weights);
      if (parsed.problems.length > 0) throw new RequestValidationError(parsed.problems);
      weights = parsed.weights;
    }
    const ranked = rankDistricts(await this.latestProfiles(), weights);
    return {
      districts: ranked.map(({ rank, profile, normalised, needIndex }) => ({
        rank,
        districtId: profile.districtId,
        name: profile.name,
        regionId: profile.regionId,
        figures: {
          enrollment: profile.enrollment,
          attendanceRate: profile.attendanceRate,
          freeReducedLunchShare: profile.freeReducedLunchShare,
          englishLearnerShare: profile.englishLearnerShare,
          remoteLearningShare: profile.remoteLearningShare,
        },
        normalised,
        needIndex,
      })),
      weights,
      weightsSource: weightsText !== undefined ? 'request' : saved.saved ? 'saved' : 'default',
    };
  }

  async saveWeights(
    principal: Principal,
    context: CommandContext,
    weights: NeedWeights,
  ): Promise<PriorityWeightsAnswer> {
    requireStateWide(principal, 'save the default priority weights', ['admin']);
    const problems = weightProblems(weights, 'weights.');
    if (problems.length > 0) throw new RequestValidationError(problems);
    const outcome = await handleCommand<SavePriorityWeights, PriorityWeightsSaved, PriorityWeightsState>({
      store: this.store,
      streamId: PRIORITY_WEIGHTS_STREAM,
      decider: priorityWeightsDecider,
      context,
      command: { type: 'SavePriorityWeights', data: { weights }, actorId: principal.sub },
      scopeOf: () => ({ districtId: null, schoolId: null }),
    });
    return {
      weights: outcome.state.weights,
      revision: Number(outcome.revision),
      position: outcome.position,
    };
  }

  private async savedWeights(): Promise<PriorityWeightsState> {
    const history = await readHistory(this.store, PRIORITY_WEIGHTS_STREAM);
    return fold(priorityWeightsDecider, history.map(toDomainEvent<PriorityWeightsSaved>));
  }

  /** The latest profile of every district (a later import with changed figures supersedes). */
  private async latestProfiles(): Promise<DistrictProfileFigures[]> {
    const latest = new Map<string, DistrictProfileFigures>();
    const events = await this.store.readAll({
      filter: {
        streamPrefixes: [DISTRICT_PROFILE_STREAM_PREFIX],
        eventTypes: ['DistrictProfileRecorded.v1'],
      },
    });
    for (const event of events) latest.set(event.streamId, event.data as unknown as DistrictProfileFigures);
    return [...latest.values()];
  }
}
