import { SUBJECT, type EventFieldClasses } from '../privacy/field-classes';
import type { OrganizationType, VisitorRole } from '../vocabulary';

/** Home-visitor registry, stream `visitor-<visitorId>`. */
export interface VisitorProfile {
  visitorId: string;
  name: string;
  /** The `sub` of the visitor's login, linking a home visitor's token to this registry entry. */
  subject: string | null;
  role: VisitorRole;
  organization: { type: OrganizationType; name: string };
  districtId: string;
  languages: string[];
}

export type VisitorRegistered = { type: 'VisitorRegistered.v1'; data: VisitorProfile };
export type VisitorTrainingCompleted = {
  type: 'VisitorTrainingCompleted.v1';
  data: { visitorId: string; training: string; completedOn: string };
};
export type VisitorEvent = VisitorRegistered | VisitorTrainingCompleted;

/**
 * What roles without personal data see of the registry (field classes as for case events): the login
 * subject is an identifier, shown as its pseudonym. A visitor's name, role and organisation are
 * staff directory facts about the program, not about a family, and are shown.
 */
export const VISITOR_EVENT_FIELDS: EventFieldClasses<VisitorEvent> = {
  'VisitorRegistered.v1': { subject: SUBJECT },
  'VisitorTrainingCompleted.v1': {},
};

/** The training every assigned visitor must have completed, unless the district allows otherwise. */
export const REQUIRED_TRAINING = 'LEAP_101';

export type RegisterVisitor = { type: 'RegisterVisitor'; data: VisitorProfile; actorId: string };
export type RecordVisitorTraining = {
  type: 'RecordVisitorTraining';
  data: { training: string; completedOn: string };
  actorId: string;
};
export type VisitorCommand = RegisterVisitor | RecordVisitorTraining;

export type RegisteredVisitor = VisitorProfile & {
  status: 'registered';
  trainings: { training: string; completedOn: string }[];
};
export type VisitorState = { status: 'none' } | RegisteredVisitor;
