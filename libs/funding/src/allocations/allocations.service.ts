import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { Principal } from '@leap/auth';
import {
  deterministicUuid,
  handleCommand,
  readHistory,
  toDomainEvent,
  type CommandContext,
} from '@leap/commands';
import { fold, notFound } from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { RequestValidationError, type FieldViolation } from '@leap/http';
import { ALLOCATION_FACTORS, allocate, type FactorWeights } from '../domain/allocate';
import {
  ALLOCATION_PREFIX,
  allocationDecider,
  allocationStreamOf,
  type AllocationInputs,
  type AllocationSaved,
  type AllocationState,
  type NamedDistrictAllocation,
  type SaveAllocation,
} from '../domain/allocation';
import { requireStateWide } from '../funding-access';
import { AllocationFactors } from './allocation-factors.service';
import type {
  AllocationListView,
  AllocationView,
  SavedAllocationAnswer,
  SavedAllocationView,
} from './allocations.dto';

/** Every factor counts the same unless the request weighs them. */
export const DEFAULT_FACTOR_WEIGHTS: FactorWeights = {
  enrollment: 1,
  needIndex: 1,
  fundsSpent: 1,
  visitsHeld: 1,
};

export interface AllocationRequest {
  total: number;
  minimum: number;
  maximum: number;
  weights?: FactorWeights;
  districtIds?: string[];
  performanceSchoolYear?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Previews and saves the state's funding allocations (`allocate` does the sharing). */
@Injectable()
export class Allocations {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly factors: AllocationFactors,
  ) {}

  async preview(principal: Principal, request: AllocationRequest): Promise<AllocationView> {
    requireStateWide(principal, ['admin', 'state_analyst'], 'preview allocations');
    const { inputs, districts } = await this.compute(principal, request);
    return { ...viewOf(inputs), districts };
  }

  async save(
    principal: Principal,
    context: CommandContext,
    request: AllocationRequest,
  ): Promise<SavedAllocationAnswer> {
    requireStateWide(principal, ['admin'], 'save allocations');
    // Derived from the command id: a retry with the same Idempotency-Key lands on the same stream
    // and answers with what the first request saved.
    const allocationId = deterministicUuid(context.commandId, 'allocation');
    const outcome = await handleCommand<SaveAllocation, AllocationSaved, AllocationState>({
      store: this.store,
      streamId: allocationStreamOf(allocationId),
      decider: allocationDecider,
      context,
      command: async () => {
        const { inputs, districts } = await this.compute(principal, request);
        const savedAt = context.receivedAt.toISOString();
        return { type: 'SaveAllocation', data: { allocationId, savedAt, inputs, districts } };
      },
      scopeOf: () => ({ districtId: null, schoolId: null }),
    });
    return { ...savedView(outcome.state), revision: Number(outcome.revision), position: outcome.position };
  }

  /** Every saved allocation, latest first: when, how much, among how many districts. */
  async list(principal: Principal): Promise<AllocationListView> {
    requireStateWide(principal, ['admin', 'state_analyst'], 'read allocations');
    const events = await this.store.readAll({
      filter: { streamPrefixes: [ALLOCATION_PREFIX], eventTypes: ['AllocationSaved.v1'] },
    });
    const allocations = events
      .map((event) => toDomainEvent<AllocationSaved>(event).data)
      .map(({ allocationId, savedAt, inputs }) => ({
        allocationId,
        savedAt,
        total: inputs.total,
        minimum: inputs.minimum,
        maximum: inputs.maximum,
        districtCount: inputs.districtIds.length,
        performanceSchoolYear: inputs.performanceSchoolYear,
      }))
      .reverse();
    return { allocations };
  }

  async get(principal: Principal, allocationId: string): Promise<SavedAllocationView> {
    requireStateWide(principal, ['admin', 'state_analyst'], 'read allocations');
    const history = UUID.test(allocationId)
      ? await readHistory(this.store, allocationStreamOf(allocationId))
      : [];
    return savedView(fold(allocationDecider, history.map(toDomainEvent<AllocationSaved>)));
  }

  private async compute(
    principal: Principal,
    request: AllocationRequest,
  ): Promise<{ inputs: AllocationInputs; districts: NamedDistrictAllocation[] }> {
    const weights = request.weights ?? DEFAULT_FACTOR_WEIGHTS;
    const problems = requestProblems(request.minimum, request.maximum, weights);
    if (problems.length > 0) throw new RequestValidationError(problems);
    const performanceSchoolYear = request.performanceSchoolYear ?? null;
    const selected = await this.factors.of(principal, request.districtIds, performanceSchoolYear);
    const inputs: AllocationInputs = {
      total: request.total,
      minimum: request.minimum,
      maximum: request.maximum,
      weights: { ...weights },
      districtIds: selected.map((district) => district.districtId).sort(),
      performanceSchoolYear,
    };
    const outcome = allocate({ ...inputs, districts: selected });
    if (!outcome.feasible) {
      const { districtCount: n, violated } = outcome;
      const bound = violated === 'minimum' ? inputs.minimum : inputs.maximum;
      const relation = violated === 'minimum' ? 'exceed' : 'fall short of';
      throw new UnprocessableEntityException({
        code: 'allocation_infeasible',
        message: `${n} districts × the ${violated} of ${bound} ${relation} the total of ${inputs.total}`,
      });
    }
    const named = new Map(selected.map((district) => [district.districtId, district]));
    return {
      inputs,
      districts: outcome.districts.map((award) => ({
        ...award,
        name: named.get(award.districtId)!.name,
        regionId: named.get(award.districtId)!.regionId,
      })),
    };
  }
}

/** What the DTO cannot check field by field: the bounds' order, and one weight at least positive. */
function requestProblems(minimum: number, maximum: number, weights: FactorWeights): FieldViolation[] {
  const problems: FieldViolation[] = [];
  if (maximum < minimum) problems.push({ path: 'maximum', reason: 'maximum must not be below minimum' });
  if (ALLOCATION_FACTORS.every((factor) => weights[factor] === 0))
    problems.push({ path: 'weights', reason: 'at least one weight must be positive' });
  return problems;
}

const viewOf = (inputs: AllocationInputs) => ({
  total: inputs.total,
  minimum: inputs.minimum,
  maximum: inputs.maximum,
  weights: inputs.weights,
  performanceSchoolYear: inputs.performanceSchoolYear,
});

function savedView(state: AllocationState): SavedAllocationView {
  if (state.saved === null) throw notFound('allocation_not_found', 'There is no such allocation');
  const { allocationId, savedAt, inputs, districts } = state.saved;
  return { allocationId, savedAt, ...viewOf(inputs), districts };
}
