import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import { CommandCtx, CommandRoute, QueryRoute, READS_EVENT_STORE } from '@leap/http';
import {
  AllocationListView,
  AllocationRequestDto,
  AllocationView,
  SavedAllocationAnswer,
  SavedAllocationView,
} from './allocations.dto';
import { Allocations, type AllocationRequest } from './allocations.service';

const INFEASIBLE = { 422: ['allocation_infeasible'] };

/**
 * The state's funding allocation: awards between a minimum and a maximum by district size, need and
 * year-one performance, in whole dollars summing to the total. Previews record nothing; saving
 * records the inputs and the awards as an event.
 */
@ApiTags('funding')
@ApiBearerAuth()
@Controller('v1/allocations')
export class AllocationsController {
  constructor(private readonly allocations: Allocations) {}

  /** Compute an allocation without saving it (state-wide admins and state analysts). */
  @Post('preview')
  @HttpCode(200)
  @QueryRoute(
    { type: AllocationView, description: 'Each selected district’s award, with every factor.' },
    READS_EVENT_STORE,
    INFEASIBLE,
    { 403: ['role_not_allowed'] },
  )
  preview(
    @Body() dto: AllocationRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AllocationView> {
    return this.allocations.preview(principal, requestOf(dto));
  }

  /** Compute and save an allocation (state-wide admins). */
  @Post()
  @CommandRoute(
    { status: 201, type: SavedAllocationAnswer, description: 'The allocation is saved.' },
    INFEASIBLE,
    { 403: ['role_not_allowed'] },
  )
  save(
    @Body() dto: AllocationRequestDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<SavedAllocationAnswer> {
    return this.allocations.save(principal, context, requestOf(dto));
  }

  /** The saved allocations, latest first (state-wide admins and state analysts). */
  @Get()
  @QueryRoute(
    { type: AllocationListView, description: 'Every saved allocation, in brief.' },
    READS_EVENT_STORE,
    {
      403: ['role_not_allowed'],
    },
  )
  list(@CurrentPrincipal() principal: Principal): Promise<AllocationListView> {
    return this.allocations.list(principal);
  }

  /** A saved allocation, exactly as it was saved (state-wide admins and state analysts). */
  @Get(':allocationId')
  @QueryRoute({ type: SavedAllocationView, description: 'The saved allocation.' }, READS_EVENT_STORE, {
    403: ['role_not_allowed'],
    404: ['allocation_not_found'],
  })
  get(
    @Param('allocationId') allocationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SavedAllocationView> {
    return this.allocations.get(principal, allocationId);
  }
}

function requestOf(dto: AllocationRequestDto): AllocationRequest {
  return {
    total: dto.total,
    minimum: dto.minimum,
    maximum: dto.maximum,
    weights: dto.weights && { ...dto.weights },
    districtIds: dto.districtIds,
    performanceSchoolYear: dto.performanceSchoolYear,
  };
}
