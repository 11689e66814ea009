import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ForbiddenError, type Principal, type Role } from '@leap/auth';
import { ProjectionsService } from './projections.service';

const MAY_SEE_PROJECTIONS: readonly Role[] = ['admin', 'coordinator', 'fidelity_monitor'];

@ApiTags('projections')
@ApiBearerAuth()
@Controller('v1/projections')
export class ProjectionsController {
  constructor(private readonly projections: ProjectionsService) {}

  /** Each read model's checkpoint, lag (events and seconds) and last error. */
  @Get()
  async list(@CurrentPrincipal() principal: Principal) {
    if (!MAY_SEE_PROJECTIONS.includes(principal.role)) {
      throw new ForbiddenError('role_not_allowed', `Role ${principal.role} may not see projection status`);
    }
    return { projections: await this.projections.status() };
  }
}
