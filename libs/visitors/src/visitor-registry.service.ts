import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, coversScope, seesPersonalData, type Principal, type Role } from '@leap/auth';
import { handleCommand, readHistory, toDomainEvent, type CommandContext } from '@leap/commands';
import {
  fold,
  notFound,
  redactEventData,
  requireDistrict,
  visitorDecider,
  type Pseudonymize,
  type RegisteredVisitor,
  type VisitorCommand,
  type VisitorEvent,
  type VisitorProfile,
  type VisitorState,
} from '@leap/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@leap/event-store';
import { PSEUDONYMIZE } from '@leap/privacy';
import { RegistryReader } from '@leap/registry';
import { VisitorLogins } from './visitor-logins.service';
import type { VisitorAnswer, VisitorView } from './visitor-views.dto';
import { VISITOR_PREFIX, visitorStreamId } from './visitor-streams';

const REGISTRARS: readonly Role[] = ['admin', 'coordinator'];
const READERS: readonly Role[] = ['admin', 'coordinator', 'attendance_team', 'fidelity_monitor'];

/**
 * The home-visitor registry: coordinators register visitors in a registered district, one visitor
 * per login there, and record their trainings. Roles without personal data read it through the
 * domain's redactor: login subjects as pseudonyms.
 */
@Injectable()
export class VisitorRegistry {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PSEUDONYMIZE) private readonly pseudonymize: Pseudonymize,
    private readonly registry: RegistryReader,
    private readonly logins: VisitorLogins,
  ) {}

  async register(principal: Principal, context: CommandContext, profile: VisitorProfile) {
    requireRole(principal, REGISTRARS);
    const { districtId, subject, visitorId } = profile;
    if (!coversScope(principal, districtId, null)) {
      throw new ForbiddenError('out_of_scope', `Your token does not cover district ${districtId}`);
    }
    requireDistrict(await this.registry.district(districtId), districtId);
    return this.run(
      visitorId,
      context,
      { type: 'RegisterVisitor', data: profile, actorId: principal.sub },
      undefined,
      subject === null ? undefined : () => this.logins.claim(districtId, subject, visitorId, context),
    );
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
  async list(principal: Principal, districtId: string | undefined): Promise<VisitorView[]> {
    requireRole(principal, READERS);
    const district = principal.districtId ?? districtId;
    if (!district) throw new ForbiddenError('district_required', 'State-wide tokens must name a districtId');
    const events = await this.store.readAll({ filter: { streamPrefixes: [VISITOR_PREFIX] } });
    const byStream = new Map<string, RecordedEvent[]>();
    for (const event of events)
      byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    return [...byStream.values()]
      .map((stream) => this.foldShown(principal, stream))
      .filter((v): v is RegisteredVisitor => v.status === 'registered' && v.districtId === district)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(toVisitor);
  }

  async get(principal: Principal, visitorId: string): Promise<VisitorView> {
    requireRole(principal, READERS);
    const state = this.foldShown(principal, await readHistory(this.store, visitorStreamId(visitorId)));
    if (state.status === 'none' || !coversScope(principal, state.districtId, null)) {
      throw notFound('visitor_not_found', `Visitor ${visitorId} not found`);
    }
    return toVisitor(state);
  }

  /** The registry's state of each visitor a case command names, in the order named. */
  async lookup(visitorIds: readonly string[]): Promise<{ visitorId: string; state: VisitorState }[]> {
    return Promise.all(
      visitorIds.map(async (visitorId) => ({
        visitorId,
        state: fold(
          visitorDecider,
          (await readHistory(this.store, visitorStreamId(visitorId))).map(toDomainEvent<VisitorEvent>),
        ),
      })),
    );
  }

  /** A visitor's stream folded as the principal may see it (login subjects pseudonymised for monitors). */
  private foldShown(principal: Principal, history: RecordedEvent[]): VisitorState {
    const shown = seesPersonalData(principal.role)
      ? history
      : history.map((event) => ({
          ...event,
          data: redactEventData(event.type, event.data, this.pseudonymize),
        }));
    return fold(visitorDecider, shown.map(toDomainEvent<VisitorEvent>));
  }

  private async run(
    visitorId: string,
    context: CommandContext,
    command: VisitorCommand,
    principal?: Principal,
    beforeAppend?: () => Promise<void>,
  ): Promise<VisitorAnswer> {
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
      beforeAppend,
    });
    return { visitorId, revision: Number(outcome.revision), position: outcome.position };
  }
}

const toVisitor = ({ status: _status, ...visitor }: RegisteredVisitor): VisitorView => visitor;

function requireRole(principal: Principal, roles: readonly Role[]): void {
  if (!roles.includes(principal.role))
    throw new ForbiddenError('role_not_allowed', `Role ${principal.role} may not do this`);
}
