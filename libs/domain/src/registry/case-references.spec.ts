import { DomainError, fold } from '../decider';
import type { VisitorEvent, VisitorState } from '../visitor/visitor';
import { visitorDecider } from '../visitor/visitor.decider';
import {
  requireCaseVisitors,
  requireReferralPartner,
  requireSchool,
  requireTrainedVisitors,
} from './case-references';
import { settingsOf, type DistrictState } from './district';
import type { PartnerState } from './partner';

const district = (allowUntrainedVisitors = false): DistrictState => ({
  status: 'registered',
  districtId: 'd1',
  name: 'Hartford',
  regionId: 'CREC',
  timeZone: 'America/New_York',
  settings: settingsOf({ allowUntrainedVisitors, retention: null }),
  schools: [{ schoolId: 'sch-1', name: 'Lincoln Middle', grades: ['7'] }],
});
const visitor = (visitorId: string, districtId: string, ...trainings: [string, string][]): VisitorState =>
  fold(visitorDecider, [
    {
      type: 'VisitorRegistered.v1',
      data: {
        visitorId,
        name: visitorId,
        subject: null,
        role: 'teacher',
        organization: { type: 'school', name: 'Lincoln Middle' },
        districtId,
        languages: [],
      },
    },
    ...trainings.map(([training, completedOn]): VisitorEvent => ({
      type: 'VisitorTrainingCompleted.v1',
      data: { visitorId, training, completedOn },
    })),
  ]);
const partner = (changes: Partial<Extract<PartnerState, { status: 'registered' }>> = {}): PartnerState => ({
  status: 'registered',
  partnerId: 'partner-bus',
  districtId: 'd1',
  name: 'City bus pass program',
  resourceTypes: ['transportation'],
  languages: ['en'],
  contact: { phone: null, url: null },
  active: true,
  ...changes,
});

/** The code of the DomainError `check` throws, or null when it passes. */
function codeOf(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return `${error.kind}:${error.code}`;
    throw error;
  }
}

describe('when a case names its district and school', () => {
  it('accepts a school of the district and answers 404-style for an unknown district or school', () => {
    expect(codeOf(() => requireSchool(district(), 'd1', 'sch-1'))).toBeNull();
    expect(codeOf(() => requireSchool(district(), 'd1', 'sch-2'))).toBe('not_found:school_not_found');
    expect(codeOf(() => requireSchool({ status: 'none' }, 'd9', 'sch-1'))).toBe(
      'not_found:district_not_found',
    );
  });
});

describe('when a case names visitors', () => {
  it('accepts visitors registered in the case’s district', () => {
    const ana = visitor('ana', 'd1');
    expect(requireCaseVisitors([{ visitorId: 'ana', state: ana }], 'd1')).toEqual([ana]);
  });

  it('rejects a visitor that is not registered, or registered in another district', () => {
    expect(codeOf(() => requireCaseVisitors([{ visitorId: 'v9', state: { status: 'none' } }], 'd1'))).toBe(
      'conflict:visitor_not_found',
    );
    const other = [{ visitorId: 'ben', state: visitor('ben', 'd2') }];
    expect(codeOf(() => requireCaseVisitors(other, 'd1'))).toBe('conflict:visitor_not_found');
  });
});

describe('when visitors are assigned', () => {
  const registered = (state: VisitorState) => requireCaseVisitors([{ visitorId: 'x', state }], 'd1');

  it('accepts visitors who completed LEAP_101 on or before the assignment date', () => {
    const trained = registered(visitor('ana', 'd1', ['LEAP_101', '2024-09-01']));
    expect(codeOf(() => requireTrainedVisitors(trained, '2024-09-01', district()))).toBeNull();
  });

  it('rejects a visitor trained after the assignment date, or in something else only', () => {
    const late = registered(visitor('ana', 'd1', ['LEAP_101', '2024-09-02']));
    expect(codeOf(() => requireTrainedVisitors(late, '2024-09-01', district()))).toBe(
      'conflict:visitor_not_trained',
    );
    const other = registered(visitor('ben', 'd1', ['SAFETY', '2024-08-01']));
    expect(codeOf(() => requireTrainedVisitors(other, '2024-09-01', district()))).toBe(
      'conflict:visitor_not_trained',
    );
  });

  it('accepts untrained visitors when the district allows them', () => {
    const untrained = registered(visitor('ana', 'd1'));
    expect(codeOf(() => requireTrainedVisitors(untrained, '2024-09-01', district(true)))).toBeNull();
    expect(codeOf(() => requireTrainedVisitors(untrained, '2024-09-01', { status: 'none' }))).toBe(
      'conflict:visitor_not_trained',
    );
  });
});

describe('when a family is referred to a partner', () => {
  const check = (state: PartnerState, resourceType: 'transportation' | 'food' = 'transportation') =>
    codeOf(() => requireReferralPartner(state, 'partner-bus', 'd1', resourceType));

  it('accepts an active partner of the district offering the resource type', () => {
    expect(check(partner())).toBeNull();
  });

  it('answers partner_not_found for an unknown, inactive or other-district partner', () => {
    expect(check({ status: 'none' })).toBe('conflict:partner_not_found');
    expect(check(partner({ active: false }))).toBe('conflict:partner_not_found');
    expect(check(partner({ districtId: 'd2' }))).toBe('conflict:partner_not_found');
  });

  it('answers resource_type_not_offered for a partner that does not offer the resource type', () => {
    expect(check(partner(), 'food')).toBe('conflict:resource_type_not_offered');
  });
});
