import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import { QueryRoute } from '@leap/http';
import { ReadYourWrites } from '@leap/projections';
import { FIDELITY_FACTS } from '../read-models/fidelity-facts.projection';
import { FidelityQuery } from './fidelity.dto';
import { FidelityReport, FidelitySeries } from './fidelity-report.dto';
import { SeriesQuery } from './series.dto';
import { seriesChartSvg } from '../charts/series-chart';
import { FidelityReports } from './fidelity-reports.service';

const SERIES_PROBLEMS = {
  403: ['role_not_allowed'],
  404: ['district_not_found', 'school_not_found', 'region_not_found'],
  503: ['event_store_unavailable'],
};

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

  @Get('series')
  @QueryRoute(
    { type: FidelitySeries, description: 'The metrics at every step, computed in one pass over the events.' },
    SERIES_PROBLEMS,
  )
  series(@Query() query: SeriesQuery, @CurrentPrincipal() principal: Principal) {
    return this.reports.series(principal, query);
  }

  @Get('series.svg')
  @QueryRoute(
    {
      type: String,
      produces: 'image/svg+xml',
      description: 'The main shares of the series as a line chart (SVG).',
    },
    SERIES_PROBLEMS,
  )
  async seriesSvg(
    @Query() query: SeriesQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const series = await this.reports.series(principal, query);
    response.setHeader('Content-Type', 'image/svg+xml; charset=utf-8');
    const where = series.scope.schoolId ?? series.scope.districtId ?? series.scope.regionId ?? 'State';
    return seriesChartSvg(series.points, `Fidelity, ${where}, ${query.from} to ${query.to} by ${query.step}`);
  }
}
