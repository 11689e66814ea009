import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import { QueryRoute } from '@leap/http';
import { ReadYourWrites } from '@leap/projections';
import { FIDELITY_FACTS } from '../read-models/fidelity-facts.projection';
import { FidelityQuery } from './fidelity.dto';
import { FidelityReport } from './fidelity-report.dto';
import { FidelityReports } from './fidelity-reports.service';

/** `GET /v1/fidelity`: the fidelity metrics of a scope and window, with their definitions. */
@ApiTags('fidelity')
@ApiBearerAuth()
@Controller('v1/fidelity')
export class FidelityController {
  constructor(
    private readonly reports: FidelityReports,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @QueryRoute(
    {
      type: FidelityReport,
      description: 'Every fidelity metric of the scope and window, with its definition.',
    },
    {
      403: ['role_not_allowed'],
      404: ['district_not_found', 'school_not_found', 'region_not_found'],
      503: ['read_model_behind', 'event_store_unavailable'],
    },
  )
  async get(
    @Query() query: FidelityQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    this.reports.check(principal, query); // 403 and 400 before waiting for anything
    await this.readYourWrites.waitFor(FIDELITY_FACTS, query.minPosition, response);
    return this.reports.report(principal, query);
  }
}
