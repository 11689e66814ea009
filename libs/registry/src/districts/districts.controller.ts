import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import { DEFAULT_DISTRICT_SETTINGS, settingsOf, type DistrictSettings } from '@leap/domain';
import { CommandCtx, CommandRoute, QueryRoute, READS_EVENT_STORE } from '@leap/http';
import { DistrictRegistry } from './district-registry.service';
import {
  DistrictAnswer,
  DistrictListView,
  DistrictSettingsAnswer,
  DistrictView,
  SchoolAnswer,
  SchoolListView,
} from './district-views.dto';
import { AddSchoolDto, DistrictSettingsDto, RegisterDistrictDto } from './districts.dto';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('v1/districts')
export class DistrictsController {
  constructor(private readonly districts: DistrictRegistry) {}

  /** Register a district (state-wide admins). */
  @Post()
  @CommandRoute(
    { status: 201, type: DistrictAnswer, description: 'The district is registered.' },
    { 403: ['role_not_allowed'], 409: ['district_exists'] },
  )
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
      settings: settingsOfDto(dto.settings),
    });
  }

  /** The districts within your scope: every district for state-wide tokens, else your own. */
  @Get()
  @QueryRoute({ type: DistrictListView, description: 'The districts in scope.' }, READS_EVENT_STORE)
  async list(@CurrentPrincipal() principal: Principal): Promise<DistrictListView> {
    return { districts: await this.districts.list(principal) };
  }

  @Get(':districtId')
  @QueryRoute({ type: DistrictView, description: 'The district.' }, READS_EVENT_STORE, {
    404: ['district_not_found'],
  })
  get(
    @Param('districtId') districtId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DistrictView> {
    return this.districts.get(principal, districtId);
  }

  /** Replace the district's settings (its coordinators and admins). */
  @Put(':districtId/settings')
  @CommandRoute(
    { type: DistrictSettingsAnswer, description: 'The settings as they now stand.' },
    { 403: ['role_not_allowed', 'out_of_scope'], 404: ['district_not_found', 'school_not_found'] },
  )
  changeSettings(
    @Param('districtId') districtId: string,
    @Body() dto: DistrictSettingsDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ) {
    return this.districts.changeSettings(principal, context, districtId, settingsOfDto(dto));
  }

  /** Add a school to the district (its coordinators and admins). */
  @Post(':districtId/schools')
  @CommandRoute(
    { status: 201, type: SchoolAnswer, description: 'The school is added.' },
    { 403: ['role_not_allowed', 'out_of_scope'], 404: ['district_not_found'], 409: ['school_exists'] },
  )
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
  @QueryRoute({ type: SchoolListView, description: 'The schools in scope.' }, READS_EVENT_STORE, {
    404: ['district_not_found'],
  })
  async schools(
    @Param('districtId') districtId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SchoolListView> {
    return { schools: await this.districts.schools(principal, districtId) };
  }
}

/** Settings as a request gives them: what it leaves out takes the default (a PUT replaces them all). */
function settingsOfDto(dto: DistrictSettingsDto | undefined): DistrictSettings {
  return settingsOf({
    allowUntrainedVisitors: dto?.allowUntrainedVisitors ?? DEFAULT_DISTRICT_SETTINGS.allowUntrainedVisitors,
    retention: dto?.retention ?? null,
    targeting: dto?.targeting
      ? { ...DEFAULT_DISTRICT_SETTINGS.targeting, ...definedOnly(dto.targeting) }
      : undefined,
    minimumEnrolledDays: dto?.minimumEnrolledDays ?? DEFAULT_DISTRICT_SETTINGS.minimumEnrolledDays,
    partialAttendanceCountsAs:
      dto?.partialAttendanceCountsAs ?? DEFAULT_DISTRICT_SETTINGS.partialAttendanceCountsAs,
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
