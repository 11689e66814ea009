import { event } from '../../domain/src/case/case.fixtures';
import { decodeCursor, encodeCursor } from './cursor';
import type { SummaryScope } from './summary-access';
import { openSummaries, type Summaries } from './testing/summaries-fixtures';

const district: SummaryScope = { districtId: 'd1', schoolIds: null, assignedSubject: null, seesPii: true };
const keys = (page: { documents: string[] }) =>
  page.documents.map((json) => JSON.parse(json).state.caseId as string);

describe('when case summaries are queried', () => {
  let summaries: Summaries;
  beforeAll(() => {
    summaries = openSummaries();
    const identified = (caseId: string, data: Parameters<typeof event.studentIdentified>[0]) =>
      event.studentIdentified({
        caseId,
        districtId: 'd1',
        schoolId: 's1',
        student: `stu_${caseId}`,
        pii: { studentId: `ST-${caseId}` },
        ...data,
      });
    summaries.apply(
      'a',
      identified('a', { identifiedOn: '2024-10-02', pii: { studentId: 'ST-a', studentName: 'Zoë Park' } }),
    );
    summaries.apply(
      'b',
      identified('b', { identifiedOn: '2024-10-01', schoolId: 's2' }),
      event.visitorsAssigned(),
    );
    summaries.apply('c', identified('c', { identifiedOn: '2024-10-02' }), event.caseClosed());
    summaries.apply('d', identified('d', { identifiedOn: '2024-09-30', districtId: 'd2' }));
  });
  afterAll(() => summaries.close());

  it('keeps to the district of the scope, oldest identification first, then by case id', () => {
    expect(keys(summaries.query(district))).toEqual(['b', 'a', 'c']);
    expect(keys(summaries.query({ ...district, districtId: null }))).toEqual(['d', 'b', 'a', 'c']);
  });

  it('keeps to the schools of the scope, and an empty school list sees nothing', () => {
    expect(keys(summaries.query({ ...district, schoolIds: ['s2'] }))).toEqual(['b']);
    expect(keys(summaries.query({ ...district, schoolIds: [] }))).toEqual([]);
  });

  it('shows a home visitor only cases assigned to their subject', () => {
    expect(keys(summaries.query({ ...district, assignedSubject: 'sub-a' }))).toEqual(['b']);
    expect(keys(summaries.query({ ...district, assignedSubject: 'sub-x' }))).toEqual([]);
  });

  it('matches names and state student ids case-insensitively only when the scope sees personal data', () => {
    expect(keys(summaries.query(district, { q: 'ZOË' }))).toEqual(['a']);
    expect(keys(summaries.query(district, { q: 'st-c' }))).toEqual(['c']);
    expect(keys(summaries.query(district, { q: 'stu_c' }))).toEqual([]);
    expect(keys(summaries.query({ ...district, seesPii: false }, { q: 'zoë' }))).toEqual([]);
    expect(keys(summaries.query({ ...district, seesPii: false }, { q: 'ST-A' }))).toEqual([]);
  });

  it('narrows by filters and pages with a cursor after the last row', () => {
    expect(keys(summaries.query(district, { status: 'closed' }))).toEqual(['c']);
    expect(keys(summaries.query(district, { assignedVisitorId: 'visitor-b' }))).toEqual(['b']);
    const first = summaries.query(district, { limit: 2 });
    expect(keys(first)).toEqual(['b', 'a']);
    const cursor = decodeCursor(encodeCursor(first.next!));
    const second = summaries.query(district, { limit: 2, after: cursor! });
    expect([keys(second), second.next]).toEqual([['c'], null]);
  });

  it('refuses cursors it did not issue', () => {
    expect(decodeCursor('bm90IGpzb24')).toBeNull();
    expect(decodeCursor(Buffer.from('[1,2]').toString('base64url'))).toBeNull();
  });
});
