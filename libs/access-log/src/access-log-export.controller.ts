import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import { QueryRoute } from '@leap/http';
import { ACCESS_LOG_CSV_HEADER, accessLogCsvRow, csvRow } from './access-log-csv';
import { accessLogDistrictOf } from './access-log-scope';
import { utcInstant } from './access-log.controller';
import { AccessLogRangeQuery } from './access-log.dto';
import { AccessLog } from './access-log.service';

/**
 * `GET /v1/exports/access-log.csv`: a district's access log for its privacy officer (a coordinator
 * or admin of the district). Like the log itself it holds audit data (logins, roles, case ids,
 * routes), no personal data of families, so exporting it is not recorded as a personal-data access.
 */
@ApiTags('access log')
@ApiBearerAuth()
@Controller('v1/exports')
export class AccessLogExportController {
  constructor(private readonly accessLog: AccessLog) {}

  /** One row per entry, oldest first: at, actorId, actorRole, districtId, route, caseIds, outcome. */
  @Get('access-log.csv')
  @QueryRoute(
    { type: String, produces: 'text/csv', description: 'The access log as CSV, with a header row.' },
    { 403: ['role_not_allowed', 'out_of_scope'], 503: ['read_model_behind', 'event_store_unavailable'] },
  )
  async export(
    @Query() query: AccessLogRangeQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const districtId = accessLogDistrictOf(principal, query.districtId);
    let csv = csvRow(ACCESS_LOG_CSV_HEADER);
    for await (const entry of this.accessLog.all(
      { districtId, from: utcInstant(query.from), to: utcInstant(query.to) },
      response,
    )) {
      csv += accessLogCsvRow(entry);
    }
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="access-log.csv"');
    return csv;
  }
}
