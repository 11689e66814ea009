import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ForbiddenError, type Principal } from '@leap/auth';
import { QueryRoute, READS_EVENT_STORE } from '@leap/http';
import { ProjectionsView } from './projections.dto';
import { ProjectionsService } from './projections.service';

@ApiTags('projections')
@ApiBearerAuth()
@Controller('v1/projections')
export class ProjectionsController {
  constructor(private readonly projections: ProjectionsService) {}

  /**
   * Each read model's checkpoint, lag (events and seconds) and last error. They cover every district
   * (counts, errors naming cases), so only state-wide admins (a token without `districtId`) see them.
   */
  @Get()
  @QueryRoute(
    { type: ProjectionsView, description: 'Every read model of this process.' },
    READS_EVENT_STORE,
    {
      403: ['role_not_allowed'],
    },
  )
  async list(@CurrentPrincipal() principal: Principal): Promise<ProjectionsView> {
    if (principal.role !== 'admin' || principal.districtId !== null) {
      throw new ForbiddenError('role_not_allowed', 'Only state-wide admins see the projections');
    }
    return { projections: await this.projections.status() };
  }
}
