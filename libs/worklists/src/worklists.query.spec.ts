import type { Tier } from '@leap/domain';
import { event } from '../../domain/src/case/case.fixtures';
import type { SummaryScope } from '@leap/case-summaries';
import { due, openWorklists, type AnyEvent, type WorklistsUnderTest } from './testing/worklists-fixtures';
import type { WorklistFilter } from './worklists.query';

/** Listings are evaluated at noon on Oct 10 with a one-day grace period. */
const AT = { now: '2024-10-10T12:00:00.000Z', cutoff: '2024-10-09T12:00:00.000Z' };
const d1: SummaryScope = { districtId: 'd1', schoolIds: null, assignedSubject: null, seesPii: true };
const snoozed = (followUpId: string, until: string) => ({
  type: 'FollowUpSnoozed.v1',
  data: { followUpId, until },
});
const claimed = (followUpId: string, claimedBy: string) => ({
  type: 'FollowUpClaimed.v1',
  data: { followUpId, claimedBy },
});

describe('when a worklist is read', () => {
  let w: WorklistsUnderTest;
  const ids = (scope: SummaryScope, filter: Partial<WorklistFilter> = {}, at = AT) =>
    w.query(scope, filter, at).rows.map(({ row }) => row.follow_up_id);
  const identified = (caseId: string, tier: Tier, schoolId = 's1', districtId = 'd1') =>
    event.studentIdentified({
      caseId,
      districtId,
      schoolId,
      baseline: { asOf: '2024-09-30', daysEnrolled: 20, daysAbsent: 3, tier },
    });
  const open = (caseId: string, tier: Tier, ...events: AnyEvent[]) =>
    w.apply(caseId, identified(caseId, tier), ...events);

  beforeAll(() => {
    w = openWorklists();
    open(
      'sev',
      'severe_chronic',
      due('f-sev-old', '2024-10-05T04:00:00Z'),
      due('f-sev-new', '2024-10-10T06:00:00Z', 'no_contact'),
    );
    open(
      'chr',
      'chronic',
      event.visitorsAssigned(),
      due('f-chr-old', '2024-10-04T04:00:00Z'),
      due('f-chr-new', '2024-10-10T01:00:00Z', 'no_contact'),
      claimed('f-chr-old', 'team-a'),
    );
    open('risk', 'at_risk', due('f-risk-old', '2024-10-01T04:00:00Z'));
    open('sat', 'satisfactory', due('f-sat', '2024-10-09T13:00:00Z'), claimed('f-sat', 'team-b'));
    open(
      'snz',
      'chronic',
      due('f-snz-future', '2024-10-02T04:00:00Z'),
      due('f-snz-woke', '2024-10-02T04:00:00Z', 'no_contact'),
      due('f-snz-long', '2024-10-02T04:00:00Z', 'first_visit'),
      snoozed('f-snz-future', '2024-10-12T00:00:00Z'),
      snoozed('f-snz-woke', '2024-10-10T00:00:00Z'),
      snoozed('f-snz-long', '2024-10-08T00:00:00Z'),
    );
    w.apply('other', identified('other', 'chronic', 's2'), due('f-other', '2024-10-05T04:00:00Z'));
    w.apply('far', identified('far', 'severe_chronic', 's1', 'd2'), due('f-far', '2024-10-05T04:00:00Z'));
  });
  afterAll(() => w.close());

  it('lists overdue items first, then by severity, then by the time they fell due (or woke from a snooze)', () => {
    expect(ids(d1, { schoolId: 's1' })).toEqual([
      'f-sev-old',
      'f-chr-old',
      'f-snz-long',
      'f-risk-old',
      'f-sev-new',
      'f-snz-woke',
      'f-chr-new',
      'f-sat',
    ]);
  });

  it('counts an item overdue once the grace period after it fell due, or after its snooze ended, has passed', () => {
    expect(ids(d1, { schoolId: 's1', state: 'overdue' })).toEqual([
      'f-sev-old',
      'f-chr-old',
      'f-snz-long',
      'f-risk-old',
    ]);
    const { rows } = w.query(d1, { schoolId: 's1' }, AT);
    expect(rows.filter(({ segment }) => segment.overdue)).toHaveLength(4);
  });

  it('lists snoozed items apart until the snooze ends, then as open, and overdue a grace period later', () => {
    expect(ids(d1, { schoolId: 's1', state: 'snoozed' })).toEqual(['f-snz-future']);
    const woken = { now: '2024-10-12T01:00:00.000Z', cutoff: '2024-10-11T01:00:00.000Z' };
    expect(ids(d1, { schoolId: 's1', state: 'snoozed' }, woken)).toEqual([]);
    expect(ids(d1, { schoolId: 's1' }, woken)).toContain('f-snz-future');
    expect(ids(d1, { schoolId: 's1', state: 'overdue' }, woken)).not.toContain('f-snz-future');
    const dayLater = { now: '2024-10-13T01:00:00.000Z', cutoff: '2024-10-12T01:00:00.000Z' };
    expect(ids(d1, { schoolId: 's1', state: 'overdue' }, dayLater)).toContain('f-snz-future');
  });

  it('narrows to one assignee, or to unassigned items', () => {
    expect(ids(d1, { assignee: 'team-a' })).toEqual(['f-chr-old']);
    expect(ids(d1, { schoolId: 's1', assignee: null })).toEqual([
      'f-sev-old',
      'f-snz-long',
      'f-risk-old',
      'f-sev-new',
      'f-snz-woke',
      'f-chr-new',
    ]);
  });

  it('keeps to the district, the schools and the assigned cases of the scope', () => {
    expect(ids(d1)).toContain('f-other');
    expect(ids(d1)).not.toContain('f-far');
    expect(ids({ ...d1, districtId: null })).toContain('f-far');
    expect(ids({ ...d1, districtId: 'd2' }, { schoolId: 's1' })).toEqual(['f-far']);
    expect(ids({ ...d1, schoolIds: ['s2'] })).toEqual(['f-other']);
    expect(ids({ ...d1, schoolIds: ['s2'] }, { schoolId: 's1' })).toEqual([]);
    expect(ids({ ...d1, schoolIds: [] })).toEqual([]);
    expect(ids({ ...d1, assignedSubject: 'sub-a' })).toEqual(['f-chr-old', 'f-chr-new']);
    expect(ids({ ...d1, assignedSubject: 'sub-x' })).toEqual([]);
  });

  it('pages through every item once, in worklist order, across segments', () => {
    const all = ids(d1);
    const seen: Array<string | null> = [];
    let after: WorklistFilter['after'] | undefined;
    do {
      const page = w.query(d1, { limit: 3, after }, AT);
      expect(page.rows.length).toBeLessThanOrEqual(3);
      seen.push(...page.rows.map(({ row }) => row.follow_up_id));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toEqual(all);
    expect(all).toHaveLength(9);
  });
});
