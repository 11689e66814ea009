import type { SummaryScope } from '@leap/case-summaries';
import { openWorklists, type WorklistsUnderTest } from './testing/worklists-fixtures';
import { segmentQueries, type WorklistFilter } from './worklists.query';

const AT = { now: '2024-10-10T12:00:00.000Z', cutoff: '2024-10-09T12:00:00.000Z' };
const d1: SummaryScope = { districtId: 'd1', schoolIds: null, assignedSubject: null, seesPii: true };

describe('when SQLite plans a worklist page', () => {
  let w: WorklistsUnderTest;
  beforeAll(() => (w = openWorklists()));
  afterAll(() => w.close());

  /** The plan of every segment a page may read. */
  const plans = (scope: SummaryScope, filter: Partial<WorklistFilter>) =>
    segmentQueries(w.table, scope, { state: 'open', limit: 50, ...filter }, AT).map(({ sql, params }) =>
      w.db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params, 50)
        .map((step) => (step as { detail: string }).detail)
        .join(' | '),
    );
  const indexOf = (plan: string) => /USING INDEX \w+_items_(i\d)/.exec(plan)?.[1];

  it.each([
    ['one school (the default page)', d1, { schoolId: 's1' }, 'i1'],
    ['a team token of one school', { ...d1, schoolIds: ['s1'] }, {}, 'i1'],
    ['a whole district', d1, {}, 'i2'],
    ['a team token of several schools', { ...d1, schoolIds: ['s1', 's2'] }, {}, 'i2'],
    ['one assignee across the district', d1, { assignee: 'team-a' }, 'i3'],
    ['unassigned items of one school', d1, { schoolId: 's1', assignee: null }, 'i1'],
    ['every district (state-wide admin)', { ...d1, districtId: null }, {}, 'i4'],
  ])('reads %s as ordered index ranges, without sorting', (_, scope, filter, index) => {
    const segments = plans(scope, filter);
    expect(segments).toHaveLength(8);
    expect(segments.map(indexOf)).toEqual(Array(8).fill(index));
    expect(segments.join('\n')).not.toContain('TEMP B-TREE');
  });

  it('reads a home visitor’s page from their own cases: key lookups, then a small sort', () => {
    const visitor = { ...d1, assignedSubject: 'sub-a' };
    for (const filter of [
      {},
      { schoolId: 's1' },
      { after: { segment: 4, openFrom: 'z', followUpId: 'f' } },
    ]) {
      expect(plans(visitor, filter).map(indexOf)).toEqual(Array(filter.after ? 4 : 8).fill('i0'));
    }
  });

  it('seeks a later page to its cursor instead of scanning the segment from its start', () => {
    const after = { segment: 5, openFrom: '2024-10-10T01:00:00.000Z', followUpId: 'f-9' };
    const [first] = plans(d1, { schoolId: 's1', after });
    expect(first).toContain('(open_from,follow_up_id)>(?,?)');
    const [overdue] = plans(d1, { schoolId: 's1', after: { ...after, segment: 1, openFrom: '2024-10-01' } });
    expect(overdue).toContain('(open_from,follow_up_id)>(?,?)');
  });
});
