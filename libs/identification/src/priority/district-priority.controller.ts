import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import { CommandCtx, CommandRoute, QueryRoute, READS_EVENT_STORE } from '@leap/http';
import { DistrictPriority } from './district-priority.service';
import { PriorityQuery, PriorityView, PriorityWeightsAnswer, SavePriorityWeightsDto } from './priority.dto';

/**
 * The state's ranking of districts by need (state-wide roles), and its default weights. Registered
 * before the district registry's routes, so `priority` is never read as a district id.
 */
@ApiTags('identification')
@ApiBearerAuth()
@Controller('v1/districts/priority')
export class DistrictPriorityController {
  constructor(private readonly priority: DistrictPriority) {}

  /** Districts by need index, highest first, with each factor's normalised value and the weights used. */
  @Get()
  @QueryRoute(
    { type: PriorityView, description: 'Every district with a profile, by need.' },
    READS_EVENT_STORE,
    { 403: ['role_not_allowed'] },
  )
  rank(@Query() query: PriorityQuery, @CurrentPrincipal() principal: Principal): Promise<PriorityView> {
    return this.priority.rank(principal, query.weights);
  }

  /** Save the state's default weights (a state-wide admin). */
  @Put('weights')
  @CommandRoute(
    { type: PriorityWeightsAnswer, description: 'The default weights as they now stand.' },
    { 403: ['role_not_allowed'] },
  )
  saveWeights(
    @Body() dto: SavePriorityWeightsDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<PriorityWeightsAnswer> {
    return this.priority.saveWeights(principal, context, { ...dto.weights });
  }
}
