import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import { deterministicUuid, type CommandContext } from '@leap/commands';
import { CommandCtx, CommandRoute, QueryRoute, READS_EVENT_STORE } from '@leap/http';
import { ListVisitorsQueryDto, RegisterVisitorDto, VisitorTrainingDto } from './visitors.dto';
import { VisitorRegistry } from './visitor-registry.service';
import { VisitorAnswer, VisitorListView, VisitorView } from './visitor-views.dto';

@ApiTags('visitors')
@ApiBearerAuth()
@Controller('v1/visitors')
export class VisitorsController {
  constructor(private readonly registry: VisitorRegistry) {}

  /** Register a home visitor (school or community-partner staff) in a registered district; one visitor per login there. */
  @Post()
  @CommandRoute(
    { status: 201, type: VisitorAnswer, description: 'The visitor is registered; `visitorId` names it.' },
    { 403: ['role_not_allowed', 'out_of_scope'], 404: ['district_not_found'], 409: ['subject_taken'] },
  )
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
  @CommandRoute(
    {
      status: 201,
      type: VisitorAnswer,
      description: 'The training is recorded (the same one again changes nothing).',
    },
    { 403: ['role_not_allowed'], 404: ['visitor_not_found'] },
  )
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
  @QueryRoute({ type: VisitorListView, description: 'The district’s visitors.' }, READS_EVENT_STORE, {
    403: ['role_not_allowed', 'district_required'],
  })
  async list(
    @Query() query: ListVisitorsQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<VisitorListView> {
    return { visitors: await this.registry.list(principal, query.districtId) };
  }

  @Get(':visitorId')
  @QueryRoute({ type: VisitorView, description: 'The visitor with their trainings.' }, READS_EVENT_STORE, {
    403: ['role_not_allowed'],
    404: ['visitor_not_found'],
  })
  get(@Param('visitorId') visitorId: string, @CurrentPrincipal() principal: Principal): Promise<VisitorView> {
    return this.registry.get(principal, visitorId);
  }
}
