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

export type RegisterVisitor = { type: 'RegisterVisitor'; data: VisitorProfile; actorId: string };
export type RecordVisitorTraining = {
  type: 'RecordVisitorTraining';
  data: { training: string; completedOn: string };
  actorId: string;
};
export type VisitorCommand = RegisterVisitor | RecordVisitorTraining;

export type VisitorState =
  | { status: 'none' }
  | (VisitorProfile & { status: 'registered'; trainings: { training: string; completedOn: string }[] });
