import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { STUDENT_ATTENDANCE } from '@leap/attendance';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import { CASE_SUMMARIES } from '@leap/case-summaries';
import { QueryRoute, READS_EVENT_STORE, RequestValidationError } from '@leap/http';
import { ReadYourWrites } from '@leap/projections';
import { renderImpactChart } from './impact-chart';
import { ImpactQuery, ImpactView } from './impact.dto';
import { ImpactEvaluation } from './impact.service';

const PROBLEMS = {
  403: ['role_not_allowed'],
  404: ['district_not_found', 'region_not_found'],
  503: ['read_model_behind'],
};

/** `GET /v1/impact`: attendance of served students against similar students not (yet) served. */
@ApiTags('impact')
@ApiBearerAuth()
@Controller('v1/impact')
export class ImpactController {
  constructor(
    private readonly impact: ImpactEvaluation,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @QueryRoute(
    { type: ImpactView, description: 'Estimates by school month from the first visit.' },
    READS_EVENT_STORE,
    PROBLEMS,
  )
  estimate(
    @Query() query: ImpactQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImpactView> {
    return this.evaluate(query, principal, response);
  }

  /** The event-time curve with its 95% band, the naive figure, and the breakdown curves. */
  @Get('chart.svg')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @QueryRoute(
    { type: String, produces: 'image/svg+xml', description: 'The estimates drawn as an SVG chart.' },
    READS_EVENT_STORE,
    PROBLEMS,
  )
  async chart(
    @Query() query: ImpactQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return renderImpactChart(await this.evaluate(query, principal, response));
  }

  private async evaluate(query: ImpactQuery, principal: Principal, response: Response): Promise<ImpactView> {
    this.impact.requireReader(principal);
    if (query.from !== undefined && query.to !== undefined && query.to < query.from)
      throw new RequestValidationError([{ path: 'to', reason: 'to must not be before from' }]);
    await this.readYourWrites.waitFor(STUDENT_ATTENDANCE, query.minPosition, response);
    await this.readYourWrites.waitFor(CASE_SUMMARIES, query.minPosition, response);
    return this.impact.evaluate(principal, query);
  }
}
