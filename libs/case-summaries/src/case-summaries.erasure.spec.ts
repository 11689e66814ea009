import { existsSync, readFileSync } from 'node:fs';
import { event } from '../../domain/src/case/case.fixtures';
import { openSummaries, type Summaries } from './testing/summaries-fixtures';

const NAME = 'Ottoline Vasquez-Brandywine';

describe('when a family’s data is erased, case summaries', () => {
  let summaries: Summaries;
  beforeEach(() => (summaries = openSummaries()));
  afterEach(() => summaries.close());

  it('drop the name from the search column and the stored document, and leave no copy in the files', () => {
    summaries.apply(
      'case-1',
      event.studentIdentified({ pii: { studentId: 'student-1', studentName: NAME, guardianName: 'Rosa' } }),
      event.consentOffered(),
      event.consentGranted(),
    );
    summaries.apply('case-1', event.visitHeld({ pii: { notes: `${NAME} at home` } }));
    expect(summaries.row('case-1')).toMatchObject({ student_name_search: NAME.toLowerCase() });
    summaries.apply('case-1', event.familyDataErased());
    const row = summaries.row('case-1')!;
    expect(row).toMatchObject({ student_name_search: null, stage: 'visiting', visit_count: 1 });
    expect(JSON.parse(String(row.document)).state).toMatchObject({ erased: true, pii: { erased: true } });
    const file = summaries.file;
    for (const path of [file, `${file}-wal`].filter((p) => existsSync(p))) {
      const bytes = readFileSync(path).toString('latin1');
      expect(bytes).not.toContain(NAME);
      expect(bytes).not.toContain(NAME.toLowerCase());
    }
  });
});
