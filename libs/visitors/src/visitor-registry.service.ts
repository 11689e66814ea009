import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, coversScope, type Principal, type Role } from '@leap/auth';
import { handleCommand, readHistory, toDomainEvent, type CommandContext } from '@leap/commands';
import {
  fold,
  notFound,
  visitorDecider,
  type VisitorCommand,
  type VisitorEvent,
  type VisitorProfile,
  type VisitorState,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';

export const visitorStreamId = (visitorId: string) => `visitor-${visitorId}`;

const REGISTRARS: readonly Role[] = ['admin', 'coordinator'];
const READERS: readonly Role[] = ['admin', 'coordinator', 'attendance_team', 'fidelity_monitor'];

type RegisteredVisitor = Extract<VisitorState, { status: 'registered' }>;

/** The home-visitor registry: coordinators register visitors and record their trainings. */
@Injectable()
export class VisitorRegistry {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async register(principal: Principal, context: CommandContext, profile: VisitorProfile) {
    requireRole(principal, REGISTRARS);
    if (!coversScope(principal, profile.districtId, null)) {
      throw new ForbiddenError('out_of_scope', `Your token does not cover district ${profile.districtId}`);
    }
    return this.run(profile.visitorId, context, {
      type: 'RegisterVisitor',
      data: profile,
      actorId: principal.sub,
    });
  }

  async recordTraining(
    principal: Principal,
    context: CommandContext,
    visitorId: string,
    data: { training: string; completedOn: string },
  ) {
    requireRole(principal, REGISTRARS);
    return this.run(
      visitorId,
      context,
      { type: 'RecordVisitorTraining', data, actorId: principal.sub },
      principal,
    );
  }

  /** Visitors of one district with their trainings, by name. */
  async list(principal: Principal, districtId: string | undefined) {
    requireRole(principal, READERS);
    const district = principal.districtId ?? districtId;
    if (!district) throw new ForbiddenError('district_required', 'State-wide tokens must name a districtId');
    const events = await this.store.readAll({ filter: { streamPrefixes: ['visitor-'] } });
    const byStream = new Map<string, VisitorEvent[]>();
    for (const event of events) {
      byStream.set(event.streamId, [
        ...(byStream.get(event.streamId) ?? []),
        toDomainEvent<VisitorEvent>(event),
      ]);
    }
    return [...byStream.values()]
      .map((stream) => fold(visitorDecider, stream))
      .filter((v): v is RegisteredVisitor => v.status === 'registered' && v.districtId === district)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(({ status: _status, ...visitor }) => visitor);
  }

  private async run(
    visitorId: string,
    context: CommandContext,
    command: VisitorCommand,
    principal?: Principal,
  ) {
    const outcome = await handleCommand<VisitorCommand, VisitorEvent, VisitorState>({
      store: this.store,
      streamId: visitorStreamId(visitorId),
      decider: visitorDecider,
      context,
      command,
      scopeOf: (state) => ({ districtId: state.status === 'none' ? null : state.districtId, schoolId: null }),
      authorize: (state) => {
        if (principal && (state.status === 'none' || !coversScope(principal, state.districtId, null))) {
          throw notFound('visitor_not_found', `Visitor ${visitorId} not found`);
        }
      },
    });
    return { visitorId, revision: Number(outcome.revision), position: outcome.position };
  }

  async get(principal: Principal, visitorId: string): Promise<RegisteredVisitor> {
    requireRole(principal, READERS);
    const state = fold(
      visitorDecider,
      (await readHistory(this.store, visitorStreamId(visitorId))).map(toDomainEvent<VisitorEvent>),
    );
    if (state.status === 'none' || !coversScope(principal, state.districtId, null)) {
      throw notFound('visitor_not_found', `Visitor ${visitorId} not found`);
    }
    return state;
  }
}

function requireRole(principal: Principal, roles: readonly Role[]): void {
  if (!roles.includes(principal.role))
    throw new ForbiddenError('role_not_allowed', `Role ${principal.role} may not do this`);
}
