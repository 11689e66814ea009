import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import { METRIC_DEFINITIONS, type MetricDefinition } from '@leap/fidelity';
import { CommandCtx, QueryRoute } from '@leap/http';
import { publishedCsv, type PublishedRow } from './tables/published-rows';
import { FIDELITY_FIGURES, hasDenominator, HOME_VISIT_LOG_FIGURES } from './tables/state-figures';
import { StateExportQuery } from './state-exports.dto';
import { StateExports, type ExportRows } from './state-exports.service';
import { StateExportDefinitionView, StateExportJson } from './state-export-views.dto';

const FIDELITY = new Set<string>(FIDELITY_FIGURES.map((f) => f.figure));
const HOME_VISIT_LOG = new Set(HOME_VISIT_LOG_FIGURES.map((f) => f.figure));
const HEADERS = {
  'X-Export-Id': {
    description: 'The id of the export, as recorded in its `StateExportProduced.v1` event.',
    schema: { type: 'string' as const, format: 'uuid' },
  },
};
const PROBLEMS = { 403: ['role_not_allowed'], 404: ['district_not_found'], 503: ['event_store_unavailable'] };

/**
 * Exports to the state: fixed tables of aggregate counts by region, district, school and month,
 * small cells suppressed (see the README, "Exports to the state"). Each export handed out is
 * recorded as a `StateExportProduced.v1` event; the response names it in `X-Export-Id`.
 */
@ApiTags('state exports')
@ApiBearerAuth()
@ApiExtraModels(StateExportDefinitionView)
@Controller('v1/exports')
export class StateExportsController {
  constructor(private readonly exports: StateExports) {}

  /** Fidelity metrics' numerators and denominators, one row per metric and cell. */
  @Get('fidelity.csv')
  @QueryRoute(
    { type: String, produces: 'text/csv', description: 'The fidelity table as CSV.', headers: HEADERS },
    PROBLEMS,
  )
  async fidelityCsv(
    @Query() query: StateExportQuery,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const result = await this.exports.produce('fidelity.csv', FIDELITY, query, principal, context);
    const csv = publishedCsv(
      result.schoolYear,
      result.rows,
      { header: ['metric'], cells: (figure) => [figure] },
      ['numerator', 'denominator', 'rate'],
      hasDenominator,
    );
    return sendCsv(response, result, 'fidelity', csv);
  }

  /** The same table as JSON, with each metric's definition. */
  @Get('fidelity.json')
  @QueryRoute(
    { type: StateExportJson, description: 'The fidelity table as JSON.', headers: HEADERS },
    PROBLEMS,
  )
  async fidelityJson(
    @Query() query: StateExportQuery,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StateExportJson> {
    const result = await this.exports.produce('fidelity.json', FIDELITY, query, principal, context);
    response.setHeader('X-Export-Id', result.exportId);
    const definitions: Record<string, MetricDefinition> = {};
    for (const figure of FIDELITY)
      definitions[figure] = METRIC_DEFINITIONS[figure as keyof typeof METRIC_DEFINITIONS];
    return {
      exportId: result.exportId,
      schoolYear: result.schoolYear,
      districtId: result.districtId,
      rule: result.rule,
      definitions,
      rows: result.rows.map(({ figure, ...row }: PublishedRow) => ({ metric: figure, ...row })),
    };
  }

  /** The home-visit log: visits coding each barrier and strength, over visits held. */
  @Get('home-visit-log.csv')
  @QueryRoute(
    { type: String, produces: 'text/csv', description: 'The home-visit log as CSV.', headers: HEADERS },
    PROBLEMS,
  )
  async homeVisitLogCsv(
    @Query() query: StateExportQuery,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const result = await this.exports.produce(
      'home-visit-log.csv',
      HOME_VISIT_LOG,
      query,
      principal,
      context,
    );
    const csv = publishedCsv(
      result.schoolYear,
      result.rows,
      { header: ['kind', 'code'], cells: (figure) => figure.split(':') },
      ['visitsWithCode', 'visitsHeld', 'share'],
      hasDenominator,
    );
    return sendCsv(response, result, 'home-visit-log', csv);
  }
}

function sendCsv(response: Response, result: ExportRows, name: string, csv: string): string {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${name}-${result.schoolYear}.csv"`);
  response.setHeader('X-Export-Id', result.exportId);
  return csv;
}
