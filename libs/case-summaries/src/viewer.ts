import { seesPersonalData, type Principal } from '@leap/auth';
import { redactField, type CaseEventType, type DataOf, type Pseudonymize } from '@leap/domain';

/**
 * Who a list view is for. Views built from read-model state name the event field each value came
 * from, and the domain's one redactor decides what a role without personal data sees of it.
 */
export interface Viewer {
  seesPii: boolean;
  pseudonymize: Pseudonymize;
}

export const viewerOf = (principal: Principal, pseudonymize: Pseudonymize): Viewer => ({
  seesPii: seesPersonalData(principal.role),
  pseudonymize,
});

/** The value as the viewer may see it: as is, pseudonymised, or `undefined` (not shown). */
export function shown<T extends CaseEventType, F extends keyof DataOf<T> & string>(
  viewer: Viewer,
  type: T,
  field: F,
  value: DataOf<T>[F],
): DataOf<T>[F] | undefined {
  return viewer.seesPii
    ? value
    : (redactField(type, field, value, viewer.pseudonymize) as DataOf<T>[F] | undefined);
}
