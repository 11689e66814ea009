import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@leap/auth';
import { handleCommand, type CommandContext } from '@leap/commands';
import {
  districtDecider,
  notFound,
  type DistrictCommand,
  type DistrictEvent,
  type DistrictProfile,
  type DistrictSettings,
  type DistrictState,
  type RegisteredDistrict,
  type School,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import {
  REGISTRY_EDITORS,
  requireDistrictWide,
  requireRole,
  requireStateWideAdmin,
  seesDistrict,
  seesSchool,
} from '../registry-access';
import { RegistryReader } from '../registry-reader';
import type {
  DistrictAnswer,
  DistrictSettingsAnswer,
  DistrictView,
  SchoolAnswer,
} from './district-views.dto';
import { districtStreamId } from '../registry-streams';

/** Districts and their schools: registered by the state, kept by the district's coordinators. */
@Injectable()
export class DistrictRegistry {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reader: RegistryReader,
  ) {}

  async register(
    principal: Principal,
    context: CommandContext,
    profile: DistrictProfile,
  ): Promise<DistrictAnswer> {
    requireStateWideAdmin(principal);
    const { districtId } = profile;
    const command = { type: 'RegisterDistrict', data: profile, actorId: principal.sub } as const;
    const { revision, position } = await this.run(districtId, context, command);
    return { districtId, revision, position };
  }

  /** Replaces the district's settings; answers them as they now stand. */
  async changeSettings(
    principal: Principal,
    context: CommandContext,
    districtId: string,
    settings: DistrictSettings,
  ): Promise<DistrictSettingsAnswer> {
    requireRole(principal, REGISTRY_EDITORS, 'change district settings');
    const command = { type: 'ChangeDistrictSettings', data: settings, actorId: principal.sub } as const;
    const { revision, position, state } = await this.run(districtId, context, command, principal);
    return {
      districtId,
      settings: state.status === 'registered' ? state.settings : settings,
      revision,
      position,
    };
  }

  async addSchool(
    principal: Principal,
    context: CommandContext,
    districtId: string,
    school: School,
  ): Promise<SchoolAnswer> {
    requireRole(principal, REGISTRY_EDITORS, 'add schools');
    const command = { type: 'AddSchool', data: school, actorId: principal.sub } as const;
    const { revision, position } = await this.run(districtId, context, command, principal);
    return { districtId, schoolId: school.schoolId, revision, position };
  }

  /** The districts within the caller's scope, by name. */
  async list(principal: Principal): Promise<DistrictView[]> {
    return (await this.reader.allDistricts())
      .filter(
        (d): d is RegisteredDistrict => d.status === 'registered' && seesDistrict(principal, d.districtId),
      )
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(toView);
  }

  async get(principal: Principal, districtId: string): Promise<DistrictView> {
    return toView(visible(principal, districtId, await this.reader.district(districtId)));
  }

  /** The district's schools within the caller's scope (a token with `schoolIds` sees those), by name. */
  async schools(principal: Principal, districtId: string): Promise<School[]> {
    const district = visible(principal, districtId, await this.reader.district(districtId));
    return district.schools
      .filter((school) => seesSchool(principal, school.schoolId))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Runs a district command; `editor`, when given, must have the district in scope, district-wide. */
  private async run(
    districtId: string,
    context: CommandContext,
    command: DistrictCommand,
    editor?: Principal,
  ) {
    const outcome = await handleCommand<DistrictCommand, DistrictEvent, DistrictState>({
      store: this.store,
      streamId: districtStreamId(districtId),
      decider: districtDecider,
      context,
      command,
      scopeOf: () => ({ districtId, schoolId: null }),
      authorize: (state) => {
        if (!editor) return;
        visible(editor, districtId, state);
        requireDistrictWide(editor, districtId);
      },
    });
    return { revision: Number(outcome.revision), position: outcome.position, state: outcome.state };
  }
}

/** The district, when it exists and is within the caller's scope; else 404 as if it did not exist. */
function visible(principal: Principal, districtId: string, state: DistrictState): RegisteredDistrict {
  if (state.status === 'none' || !seesDistrict(principal, districtId)) {
    throw notFound('district_not_found', `District ${districtId} not found`);
  }
  return state;
}

function toView({ districtId, name, regionId, timeZone, settings }: RegisteredDistrict): DistrictView {
  return { districtId, name, regionId, timeZone, settings };
}
