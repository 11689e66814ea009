import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import { deterministicUuid, type CommandContext } from '@leap/commands';
import { CommandCtx } from '@leap/http';
import { PartnerDirectory } from './partner-directory.service';
import { ListPartnersQueryDto, RegisterPartnerDto } from './partners.dto';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('v1/partners')
export class PartnersController {
  constructor(private readonly partners: PartnerDirectory) {}

  /** Register a community partner of a district (coordinators and admins). */
  @Post()
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
  async list(@Query() query: ListPartnersQueryDto, @CurrentPrincipal() principal: Principal) {
    const partners = await this.partners.list(principal, {
      districtId: query.districtId,
      resourceType: query.resourceType,
      active: query.active === undefined ? undefined : query.active === 'true',
    });
    return { partners };
  }

  @Get(':partnerId')
  get(@Param('partnerId') partnerId: string, @CurrentPrincipal() principal: Principal) {
    return this.partners.get(principal, partnerId);
  }

  /** The partner no longer takes referrals (coordinators and admins of its district). */
  @Post(':partnerId/deactivation')
  @HttpCode(200)
  deactivate(
    @Param('partnerId') partnerId: string,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ) {
    return this.partners.deactivate(principal, context, partnerId);
  }
}
