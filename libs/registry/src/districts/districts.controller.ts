import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import { DEFAULT_DISTRICT_SETTINGS } from '@leap/domain';
import { CommandCtx } from '@leap/http';
import { DistrictRegistry } from './district-registry.service';
import { AddSchoolDto, DistrictSettingsDto, RegisterDistrictDto } from './districts.dto';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('v1/districts')
export class DistrictsController {
  constructor(private readonly districts: DistrictRegistry) {}

  /** Register a district (state-wide admins). */
  @Post()
  register(
    @Body() dto: RegisterDistrictDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ) {
    return this.districts.register(principal, context, {
      districtId: dto.districtId,
      name: dto.name,
      regionId: dto.regionId,
      timeZone: dto.timeZone,
      settings: {
        allowUntrainedVisitors:
          dto.settings?.allowUntrainedVisitors ?? DEFAULT_DISTRICT_SETTINGS.allowUntrainedVisitors,
      },
    });
  }

  /** The districts within your scope: every district for state-wide tokens, else your own. */
  @Get()
  async list(@CurrentPrincipal() principal: Principal) {
    return { districts: await this.districts.list(principal) };
  }

  @Get(':districtId')
  get(@Param('districtId') districtId: string, @CurrentPrincipal() principal: Principal) {
    return this.districts.get(principal, districtId);
  }

  /** Replace the district's settings (its coordinators and admins). */
  @Put(':districtId/settings')
  changeSettings(
    @Param('districtId') districtId: string,
    @Body() dto: DistrictSettingsDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ) {
    return this.districts.changeSettings(principal, context, districtId, {
      allowUntrainedVisitors: dto.allowUntrainedVisitors,
    });
  }

  /** Add a school to the district (its coordinators and admins). */
  @Post(':districtId/schools')
  addSchool(
    @Param('districtId') districtId: string,
    @Body() dto: AddSchoolDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ) {
    return this.districts.addSchool(principal, context, districtId, {
      schoolId: dto.schoolId,
      name: dto.name,
      grades: dto.grades,
    });
  }

  /** The district's schools within your scope. */
  @Get(':districtId/schools')
  async schools(@Param('districtId') districtId: string, @CurrentPrincipal() principal: Principal) {
    return { schools: await this.districts.schools(principal, districtId) };
  }
}
