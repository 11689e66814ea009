import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, coversScope, type Principal } from '@leap/auth';
import { handleCommand, type CommandContext } from '@leap/commands';
import {
  notFound,
  partnerDecider,
  requireDistrict,
  type PartnerCommand,
  type PartnerEvent,
  type PartnerProfile,
  type PartnerState,
  type RegisteredPartner,
  type ResourceType,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { REGISTRY_EDITORS, requireRole, seesDistrict } from '../registry-access';
import { RegistryReader } from '../registry-reader';
import { partnerStreamId } from '../registry-streams';
import type { PartnerAnswer, PartnerView } from './partner-views.dto';

export interface PartnerFilter {
  districtId?: string;
  resourceType?: ResourceType;
  active?: boolean;
}

/**
 * The community resource directory: coordinators and admins register and deactivate a district's
 * partners; everyone in the district (home visitors choosing where to refer a family included) reads it.
 */
@Injectable()
export class PartnerDirectory {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reader: RegistryReader,
  ) {}

  async register(principal: Principal, context: CommandContext, profile: PartnerProfile) {
    requireRole(principal, REGISTRY_EDITORS, 'register partners');
    if (!coversScope(principal, profile.districtId, null)) {
      throw new ForbiddenError('out_of_scope', `Your token does not cover district ${profile.districtId}`);
    }
    requireDistrict(await this.reader.district(profile.districtId), profile.districtId);
    const command = { type: 'RegisterPartner', data: profile, actorId: principal.sub } as const;
    return this.run(profile.partnerId, context, command);
  }

  /** The partner stops taking referrals; earlier referrals keep naming it. */
  async deactivate(principal: Principal, context: CommandContext, partnerId: string) {
    requireRole(principal, REGISTRY_EDITORS, 'deactivate partners');
    const command = { type: 'DeactivatePartner', data: {}, actorId: principal.sub } as const;
    return this.run(partnerId, context, command, (state) => void visible(principal, partnerId, state));
  }

  /** One district's partners, by name. State-wide tokens name the district. */
  async list(principal: Principal, filter: PartnerFilter): Promise<PartnerView[]> {
    const districtId = filter.districtId ?? principal.districtId;
    if (districtId === null)
      throw new ForbiddenError('district_required', 'State-wide tokens must name a districtId');
    if (!seesDistrict(principal, districtId))
      throw notFound('district_not_found', `District ${districtId} not found`);
    return (await this.reader.allPartners())
      .filter(
        (p): p is RegisteredPartner =>
          p.status === 'registered' &&
          p.districtId === districtId &&
          (filter.resourceType === undefined || p.resourceTypes.includes(filter.resourceType)) &&
          (filter.active === undefined || p.active === filter.active),
      )
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(toView);
  }

  async get(principal: Principal, partnerId: string): Promise<PartnerView> {
    return toView(visible(principal, partnerId, await this.reader.partner(partnerId)));
  }

  private async run(
    partnerId: string,
    context: CommandContext,
    command: PartnerCommand,
    authorize?: (state: PartnerState) => void,
  ): Promise<PartnerAnswer> {
    const outcome = await handleCommand<PartnerCommand, PartnerEvent, PartnerState>({
      store: this.store,
      streamId: partnerStreamId(partnerId),
      decider: partnerDecider,
      context,
      command,
      scopeOf: (state) => ({ districtId: state.status === 'none' ? null : state.districtId, schoolId: null }),
      authorize,
    });
    const active = outcome.state.status === 'registered' && outcome.state.active;
    return { partnerId, active, revision: Number(outcome.revision), position: outcome.position };
  }
}

/** The partner, when it exists and its district is within the caller's scope; else 404. */
function visible(principal: Principal, partnerId: string, state: PartnerState): RegisteredPartner {
  if (state.status === 'none' || !seesDistrict(principal, state.districtId)) {
    throw notFound('partner_not_found', `Partner ${partnerId} not found`);
  }
  return state;
}

function toView({ status: _status, ...partner }: RegisteredPartner): PartnerView {
  return partner;
}
