import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import { CommandCtx, CommandRoute, QueryRoute, READS_EVENT_STORE } from '@leap/http';
import { DistrictExpenditures } from './district-expenditures.service';
import { ExpenditureAnswer, ExpenditureListView, RecordExpenditureDto } from './expenditures.dto';

/** What a district spent of its LEAP funds, per school-year quarter: the source of year-one performance. */
@ApiTags('funding')
@ApiBearerAuth()
@Controller('v1/districts/:districtId/expenditures')
export class ExpendituresController {
  constructor(private readonly expenditures: DistrictExpenditures) {}

  /** Report what the district spent in a period (its district-wide coordinators and admins). */
  @Post()
  @CommandRoute(
    { status: 201, type: ExpenditureAnswer, description: 'The figure is recorded (or already was).' },
    { 403: ['role_not_allowed', 'out_of_scope'], 404: ['district_not_found'] },
  )
  record(
    @Param('districtId') districtId: string,
    @Body() dto: RecordExpenditureDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<ExpenditureAnswer> {
    return this.expenditures.record(principal, context, districtId, {
      schoolYear: dto.schoolYear,
      quarter: dto.quarter,
      category: dto.category ?? null,
      amount: dto.amount,
    });
  }

  /** The district's reports as they now stand. */
  @Get()
  @QueryRoute(
    { type: ExpenditureListView, description: 'The latest figure of every period reported.' },
    READS_EVENT_STORE,
    {
      403: ['role_not_allowed', 'out_of_scope'],
      404: ['district_not_found'],
    },
  )
  list(
    @Param('districtId') districtId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExpenditureListView> {
    return this.expenditures.list(principal, districtId);
  }
}
