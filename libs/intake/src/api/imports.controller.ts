import { Controller, Get, HttpCode, HttpException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import { IMPORT_KINDS, notFound, type ImportKind } from '@leap/domain';
import { CommandCtx, CommandRoute, QueryRoute, READS_EVENT_STORE } from '@leap/http';
import { importerOf } from '../importers/importer-registry';
import { importScopeOf } from './import-access';
import { ImportRunner } from './import-runner.service';
import { ImportStatusReader } from './import-status.reader';
import { ImportAcceptedView, ImportStatusView, StartImportQuery } from './imports.dto';
import { BodyTooLargeError } from './request-spool';

const CSV_TYPES = new Set(['text/csv', 'text/plain']);

@ApiTags('imports')
@ApiBearerAuth()
@Controller('v1/imports')
export class ImportsController {
  constructor(
    private readonly runner: ImportRunner,
    private readonly statuses: ImportStatusReader,
  ) {}

  /**
   * Import a CSV file (the body, `text/csv`, streamed; at most `LEAP_IMPORT_MAX_BYTES`, 200 MB by
   * default). Answers at once with the import's id; the import runs in the background and
   * `GET /v1/imports/{importId}` tells how it went. Coordinators and admins of a district import its
   * files; district profiles are imported by state-wide admins. The same `Idempotency-Key` again
   * answers the first post's import, without reading the body.
   */
  @Post(':kind')
  @HttpCode(202)
  @ApiParam({ name: 'kind', enum: IMPORT_KINDS })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', description: 'The CSV file, header row first (see the README).' } })
  @CommandRoute(
    { status: 202, type: ImportAcceptedView, description: 'The file is received; the import runs.' },
    {
      403: ['role_not_allowed', 'out_of_scope'],
      404: ['import_kind_not_found'],
      413: ['body_too_large'],
      415: ['unsupported_media_type'],
    },
  )
  async start(
    @Param('kind') kind: string,
    @Query() query: StartImportQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<ImportAcceptedView> {
    const importer = (IMPORT_KINDS as readonly string[]).includes(kind)
      ? importerOf(kind as ImportKind)
      : null;
    if (!importer) throw notFound('import_kind_not_found', `There is no import of kind ${kind}`);
    const districtId = importScopeOf(principal, importer.kind, query.districtId);
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!CSV_TYPES.has(mediaType))
      throw new HttpException({ code: 'unsupported_media_type' }, 415, {
        description: 'Send the file as text/csv',
      });
    const declared = request.headers['content-length'];
    try {
      const { importId, replayed } = await this.runner.start(
        importer,
        request,
        declared === undefined ? null : Number(declared),
        { districtId, schoolYear: query.schoolYear ?? null },
        context,
      );
      if (replayed) closeUnread(request, response);
      return { importId, status: 'running', href: `/v1/imports/${importId}` };
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      closeUnread(request, response);
      throw new HttpException({ code: 'body_too_large' }, 413, { cause: error });
    }
  }

  /** An import's status, counts and rejected rows (its district's coordinators and admins). */
  @Get(':importId')
  @QueryRoute({ type: ImportStatusView, description: 'The import.' }, READS_EVENT_STORE, {
    404: ['import_not_found'],
  })
  get(
    @Param('importId') importId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ImportStatusView> {
    return this.statuses.get(principal, importId);
  }
}

/** The rest of the body is not read: answer, then close the connection. */
function closeUnread(request: Request, response: Response): void {
  response.setHeader('Connection', 'close');
  response.once('finish', () => request.destroy());
}
