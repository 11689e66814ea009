import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import { deterministicUuid, type CommandContext } from '@leap/commands';
import { CommandCtx, CommandRoute, QueryRoute, READS_EVENT_STORE } from '@leap/http';
import { PartnerDirectory } from './partner-directory.service';
import { PartnerAnswer, PartnerListView, PartnerView } from './partner-views.dto';
import { ListPartnersQueryDto, RegisterPartnerDto } from './partners.dto';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('v1/partners')
export class PartnersController {
  constructor(private readonly partners: PartnerDirectory) {}

  /** Register a community partner of a district (coordinators and admins). */
  @Post()
  @CommandRoute(
    { status: 201, type: PartnerAnswer, description: 'The partner is registered; `partnerId` names it.' },
    { 403: ['role_not_allowed', 'out_of_scope'], 404: ['district_not_found'] },
  )
  register(
    @Body() dto: RegisterPartnerDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ) {
    return this.partners.register(principal, context, {
      partnerId: deterministicUuid(context.commandId, 'partner'),
      districtId: dto.districtId,
      name: dto.name,
      resourceTypes: dto.resourceTypes,
      languages: dto.languages ?? [],
      contact: { phone: dto.contact?.phone ?? null, url: dto.contact?.url ?? null },
    });
  }

  /** A district's partners, optionally those offering one resource type, or only active ones. */
  @Get()
  @QueryRoute({ type: PartnerListView, description: 'The district’s partners.' }, READS_EVENT_STORE, {
    403: ['district_required'],
    404: ['district_not_found'],
  })
  async list(
    @Query() query: ListPartnersQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PartnerListView> {
    const partners = await this.partners.list(principal, {
      districtId: query.districtId,
      resourceType: query.resourceType,
      active: query.active === undefined ? undefined : query.active === 'true',
    });
    return { partners };
  }

  @Get(':partnerId')
  @QueryRoute({ type: PartnerView, description: 'The partner.' }, READS_EVENT_STORE, {
    404: ['partner_not_found'],
  })
  get(@Param('partnerId') partnerId: string, @CurrentPrincipal() principal: Principal): Promise<PartnerView> {
    return this.partners.get(principal, partnerId);
  }

  /** The partner no longer takes referrals (coordinators and admins of its district). */
  @Post(':partnerId/deactivation')
  @HttpCode(200)
  @CommandRoute(
    { type: PartnerAnswer, description: 'The partner is inactive (deactivating again changes nothing).' },
    { 403: ['role_not_allowed'], 404: ['partner_not_found'] },
  )
  deactivate(
    @Param('partnerId') partnerId: string,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ) {
    return this.partners.deactivate(principal, context, partnerId);
  }
}
