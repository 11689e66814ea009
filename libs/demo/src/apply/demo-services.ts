import type { Principal } from '@leap/auth';
import {
  AssignVisitorsHandler,
  CaseCommandService,
  CaseReferences,
  ChangeCaseHandler,
  IdentifyStudentHandler,
  StudentSlots,
} from '@leap/cases';
import { readHistory, toDomainEvent } from '@leap/commands';
import {
  fold,
  followUpRulesDecider,
  type FollowUpRules,
  type FollowUpRulesEvent,
  type Pseudonymize,
} from '@leap/domain';
import { ImportedStudents } from '@leap/attendance';
import type { EventStore } from '@leap/event-store';
import type { PiiCipher } from '@leap/privacy';
import { followUpRulesStreamId } from '@leap/follow-ups';
import { DistrictRegistry, PartnerDirectory, RegistryReader } from '@leap/registry';
import { VisitorLogins, VisitorRegistry } from '@leap/visitors';

/**
 * The command handlers and registry services the API's controllers call, built by hand on the
 * application's event store (no Nest container, no HTTP): the demo sends its commands through them,
 * with the same checks and the same events as a user's requests.
 */
export interface DemoServices {
  store: EventStore;
  pseudonymize: Pseudonymize;
  districts: DistrictRegistry;
  partners: PartnerDirectory;
  visitors: VisitorRegistry;
  identify: IdentifyStudentHandler;
  assign: AssignVisitorsHandler;
  change: ChangeCaseHandler;
  /** A district's follow-up rules (the defaults with its changes), read once per build. */
  followUpRules(districtId: string): Promise<FollowUpRules>;
}

export function demoServices(store: EventStore, pseudonymize: Pseudonymize, cipher: PiiCipher): DemoServices {
  const reader = new RegistryReader(store);
  const visitors = new VisitorRegistry(store, pseudonymize, reader, new VisitorLogins(store, pseudonymize));
  const references = new CaseReferences(reader, visitors);
  const cases = new CaseCommandService(store);
  const rules = new Map<string, Promise<FollowUpRules>>();
  const readRules = async (districtId: string) => {
    const history = await readHistory(store, followUpRulesStreamId(districtId));
    return fold(followUpRulesDecider, history.map(toDomainEvent<FollowUpRulesEvent>)).rules;
  };
  return {
    store,
    pseudonymize,
    districts: new DistrictRegistry(store, reader),
    partners: new PartnerDirectory(store, reader),
    visitors,
    identify: new IdentifyStudentHandler(
      store,
      new StudentSlots(store),
      references,
      pseudonymize,
      new ImportedStudents(store, cipher),
    ),
    assign: new AssignVisitorsHandler(cases, references),
    change: new ChangeCaseHandler(cases, references),
    followUpRules: (districtId) => {
      if (!rules.has(districtId)) rules.set(districtId, readRules(districtId));
      return rules.get(districtId)!;
    },
  };
}

const ISSUER = 'leap-demo';

/** The state's administrator who registers districts and imports the state's district profiles. */
export const stateAdmin = (): Principal => ({
  issuer: ISSUER,
  sub: 'admin@demo.leap',
  name: 'Demo State Administrator',
  role: 'admin',
  districtId: null,
  schoolIds: null,
});

export const districtPrincipal = (
  sub: string,
  role: 'coordinator' | 'attendance_team' | 'home_visitor',
  districtId: string,
): Principal => ({ issuer: ISSUER, sub, name: null, role, districtId, schoolIds: null });
