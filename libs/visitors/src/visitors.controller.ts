import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import { deterministicUuid, type CommandContext } from '@leap/commands';
import { CommandCtx } from '@leap/http';
import { ListVisitorsQueryDto, RegisterVisitorDto, VisitorTrainingDto } from './visitors.dto';
import { VisitorRegistry } from './visitor-registry.service';

@ApiTags('visitors')
@ApiBearerAuth()
@Controller('v1/visitors')
export class VisitorsController {
  constructor(private readonly registry: VisitorRegistry) {}

  /** Register a home visitor (school or community-partner staff) in a registered district; one visitor per login there. */
  @Post()
  register(
    @Body() dto: RegisterVisitorDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ) {
    return this.registry.register(principal, context, {
      visitorId: deterministicUuid(context.commandId, 'visitor'),
      name: dto.name,
      subject: dto.subject ?? null,
      role: dto.role,
      organization: { type: dto.organization.type, name: dto.organization.name },
      districtId: dto.districtId,
      languages: dto.languages ?? [],
    });
  }

  /** Record a completed training (e.g. LEAP_101). */
  @Post(':visitorId/trainings')
  recordTraining(
    @Param('visitorId') visitorId: string,
    @Body() dto: VisitorTrainingDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ) {
    return this.registry.recordTraining(principal, context, visitorId, {
      training: dto.training,
      completedOn: dto.completedOn,
    });
  }

  /** The district's visitors with their trainings. */
  @Get()
  async list(@Query() query: ListVisitorsQueryDto, @CurrentPrincipal() principal: Principal) {
    return { visitors: await this.registry.list(principal, query.districtId) };
  }

  @Get(':visitorId')
  get(@Param('visitorId') visitorId: string, @CurrentPrincipal() principal: Principal) {
    return this.registry.get(principal, visitorId);
  }
}
