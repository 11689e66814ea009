import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DevTokenClaims } from '@leap/auth';
import { STATE_ADMIN, TestApi, coordinator, type Client } from './support/harness';
import { importCsv, importEnded, postImport } from './support/imports';
import { identifyBody } from './support/journey-fixtures';

const example = (name: string) => readFileSync(join(__dirname, '..', 'examples', name), 'utf8');
const districtAdmin: DevTokenClaims = { sub: 'admin-d1', role: 'admin', districtId: 'd1' };
const schoolCoordinator: DevTokenClaims = {
  sub: 'c-sch',
  role: 'coordinator',
  districtId: 'd1',
  schoolIds: ['sch-1'],
};
const visitor: DevTokenClaims = { sub: 'ana', role: 'home_visitor', districtId: 'd1' };

describe('when districts import their files', () => {
  let api: TestApi;
  const as = (claims: DevTokenClaims): Client => api.as(claims);

  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(() => api.stop());

  describe('schools', () => {
    it('registers the example schools once; a second import changes nothing', async () => {
      const first = await importCsv(as(coordinator('d1')), 'schools', example('schools.csv'));
      expect(first.body).toMatchObject({
        kind: 'schools',
        districtId: 'd1',
        status: 'completed',
        counts: { rows: 3, accepted: 3, rejected: 0, appended: 3 },
        rejectedRows: [],
      });
      const schools = await as(coordinator('d1')).get('/v1/districts/d1/schools');
      expect(schools.body.schools).toEqual(
        expect.arrayContaining([
          { schoolId: 'oak', name: 'Oak Hill Middle School', grades: ['6', '7', '8'] },
        ]),
      );
      const again = await importCsv(as(coordinator('d1')), 'schools', example('schools.csv'));
      expect(again.body.counts).toEqual({ rows: 3, accepted: 3, rejected: 0, appended: 0 });
    });

    it('rejects each bad row with its reason and keeps the good ones', async () => {
      const csv = [
        'district_id,school_id,school_name,grades',
        'd1,maple,Maple Elementary,K;1;2', // 2 good
        'd2,pine,Pine School,K-5', // 3 wrong_district
        'd1,,No Id,K-5', // 4 missing_value
        'd1,birch,Birch,K-13', // 5 invalid_value
        'd1,maple,Maple Elementary,K;1;2', // 6 duplicate_row
        'd1,elm,Elm Renamed,PK-5', // 7 school_exists
      ].join('\n');
      const result = await importCsv(as(coordinator('d1')), 'schools', csv);
      expect(result.body.counts).toEqual({ rows: 6, accepted: 1, rejected: 5, appended: 1 });
      expect(result.body.rejectedRows).toEqual([
        { line: 3, column: 'district_id', reason: 'wrong_district' },
        { line: 4, column: 'school_id', reason: 'missing_value' },
        { line: 5, column: 'grades', reason: 'invalid_value' },
        { line: 6, column: 'school_id', reason: 'duplicate_row' },
        { line: 7, column: 'school_id', reason: 'school_exists' },
      ]);
    });

    it('rejects a district that is not registered (state-wide admin)', async () => {
      const result = await importCsv(
        as(STATE_ADMIN),
        'schools',
        'district_id,school_id,school_name,grades\nd404,x,X,K-5\n',
      );
      expect(result.body.rejectedRows).toEqual([
        { line: 2, column: 'district_id', reason: 'district_not_found' },
      ]);
    });
  });

  describe('rosters', () => {
    beforeAll(async () => {
      await importCsv(as(coordinator('d1')), 'schools', example('schools.csv'));
    });

    it('rosters every student, seals the personal data, and a re-import appends nothing', async () => {
      const first = await importCsv(as(coordinator('d1')), 'roster', example('roster.csv'));
      expect(first.body).toMatchObject({
        status: 'completed',
        counts: { rows: 5, accepted: 5, rejected: 0, appended: 5 },
      });
      const store = api.openRawStore();
      try {
        const rostered = (await store.readAll({ filter: { streamPrefixes: ['student-'] } })).filter(
          (event) => event.type === 'StudentRostered.v1',
        );
        expect(rostered).toHaveLength(5);
        const text = JSON.stringify(rostered.map(({ data, metadata }) => ({ data, metadata })));
        expect(text).not.toContain('1000000002');
        expect(text).not.toContain('Rivera');
        expect(text).not.toContain('555-010');
        const ana = rostered.find((event) => event.data.schoolId === 'elm' && event.data.grade === '3')!;
        expect(ana.streamId).toMatch(/^student-stu_[0-9a-f]{20}$/);
        expect(ana.data).toMatchObject({
          districtId: 'd1',
          flags: { englishLearner: true, freeReducedLunch: true, housingInsecure: false, iep: false },
          homeLanguage: 'es',
        });
        expect(ana.metadata).toMatchObject({
          districtId: 'd1',
          schoolId: 'elm',
          correlationId: first.body.importId,
        });
      } finally {
        await store.close();
      }
      const again = await importCsv(as(coordinator('d1')), 'roster', example('roster.csv'));
      expect(again.body.counts).toEqual({ rows: 5, accepted: 5, rejected: 0, appended: 0 });
    });

    it('appends a new entry only for a student whose row changed (guardian phone included)', async () => {
      const changed = example('roster.csv').replace('555-010-0104', '555-010-0199');
      const result = await importCsv(as(coordinator('d1')), 'roster', changed);
      expect(result.body.counts).toEqual({ rows: 5, accepted: 5, rejected: 0, appended: 1 });
    });

    it('reads a messy file: BOM, CRLF, header in another order and case, quoted commas and newlines', async () => {
      const csv =
        '\ufeff IEP ,Student_ID,district_id,SCHOOL_ID,grade,english_learner,free_reduced_lunch,housing_insecure,guardian_name\r\n' +
        'no,2000000001,d1,elm,1,no,yes,no,"Lee, Jordan\r\nSr."\r\n' +
        '\r\n' +
        'true,2000000002,d1,oak,07,false,0,1,\r\n';
      const result = await importCsv(as(coordinator('d1')), 'roster', csv);
      expect(result.body).toMatchObject({
        status: 'completed',
        counts: { rows: 2, accepted: 2, rejected: 0, appended: 2 },
      });
    });

    it('rejects each bad row with its reason, by the line it starts on', async () => {
      const header =
        'student_id,district_id,school_id,grade,english_learner,free_reduced_lunch,housing_insecure,iep,home_language,guardian_name,guardian_phone';
      const csv = [
        header,
        '3000000001,d1,elm,2,N,N,N,N,,"Quoted\nName",555-010-0201', // 2-3 good
        '3000000002,d1,elmm,2,N,N,N,N,,,', // 4 school_not_found
        '3000000003,d2,elm,2,N,N,N,N,,,', // 5 wrong_district
        '3000000004,d1,elm,13,N,N,N,N,,,', // 6 invalid_value grade
        '3000000005,d1,elm,2,maybe,N,N,N,,,', // 7 invalid_value english_learner
        '3000000001,d1,elm,2,N,N,N,N,,,', // 8 duplicate_row
        '3000000006,d1,elm,2,N,N,N', // 9 malformed_csv
        ',d1,elm,2,N,N,N,N,,,', // 10 missing_value
        '3000000007,d1,elm,2,N,N,N,N,english!,,', // 11 invalid_value home_language
        '3000000008,d1,elm,2,N,N,N,N,,,call me', // 12 invalid_value guardian_phone
      ].join('\n');
      const result = await importCsv(as(coordinator('d1')), 'roster', csv);
      expect(result.body.counts).toEqual({ rows: 10, accepted: 1, rejected: 9, appended: 1 });
      expect(result.body.rejectedRows).toEqual([
        { line: 4, column: 'school_id', reason: 'school_not_found' },
        { line: 5, column: 'district_id', reason: 'wrong_district' },
        { line: 6, column: 'grade', reason: 'invalid_value' },
        { line: 7, column: 'english_learner', reason: 'invalid_value' },
        { line: 8, column: 'student_id', reason: 'duplicate_row' },
        { line: 9, column: null, reason: 'malformed_csv' },
        { line: 10, column: 'student_id', reason: 'missing_value' },
        { line: 11, column: 'home_language', reason: 'invalid_value' },
        { line: 12, column: 'guardian_phone', reason: 'invalid_value' },
      ]);
      // Rejections name lines, columns and reasons, never a value from the file.
      expect(JSON.stringify(result.body)).not.toMatch(/3000000|elmm|english!|call me/);
    });

    it('rejects a district that is not registered (state-wide admin)', async () => {
      const row = example('roster.csv').split('\n')[1]!.replace(',d1,', ',d404,');
      const csv = `${example('roster.csv').split('\n')[0]}\n${row}\n`;
      const result = await importCsv(as(STATE_ADMIN), 'roster', csv);
      expect(result.body.rejectedRows).toEqual([
        { line: 2, column: 'district_id', reason: 'district_not_found' },
      ]);
    });

    it("erasing a rostered student's case erases the roster too: a changed row is then rejected (student_erased)", async () => {
      const identified = await as(coordinator('d1')).post(
        '/v1/cases',
        identifyBody({ studentId: '1000000004' }),
      );
      expect(identified.status).toBe(201);
      const erased = await as(coordinator('d1')).post(`/v1/cases/${identified.body.caseId}/erasure`, {
        reasonCode: 'family_request',
      });
      expect([erased.status, erased.body.keysDestroyed]).toEqual([200, 2]);
      const changed = example('roster.csv').replace('555-010-0104', '555-010-0177');
      const result = await importCsv(as(coordinator('d1')), 'roster', changed);
      expect(result.body.counts).toEqual({ rows: 5, accepted: 4, rejected: 1, appended: 0 });
      expect(result.body.rejectedRows).toEqual([{ line: 5, column: null, reason: 'student_erased' }]);
    });

    it('fails a file whose header is not a roster, naming the columns', async () => {
      const result = await importCsv(
        as(coordinator('d1')),
        'roster',
        'student_id,district,school_id\n1,d1,elm\n',
      );
      expect(result.body).toMatchObject({ status: 'failed', reason: 'invalid_header', counts: { rows: 0 } });
      expect(result.body.detail).toContain('"district"');
      expect(result.body.detail).toContain('"grade"');
    });
  });

  describe('district profiles', () => {
    it('are recorded by a state-wide admin; the same figures again append nothing', async () => {
      const first = await importCsv(as(STATE_ADMIN), 'district-profile', example('district-profile.csv'));
      expect(first.body).toMatchObject({
        districtId: null,
        status: 'completed',
        counts: { rows: 3, accepted: 3, appended: 3 },
      });
      const again = await importCsv(as(STATE_ADMIN), 'district-profile', example('district-profile.csv'));
      expect(again.body.counts).toEqual({ rows: 3, accepted: 3, rejected: 0, appended: 0 });
    });

    it('rejects figures out of range and repeated districts', async () => {
      const csv = [
        'district_id,district_name,resc_region,enrollment,attendance_rate,free_reduced_lunch_share,english_learner_share,remote_learning_share',
        'd7,Seven,CREC,100,101,1,1,1',
        'd8,Eight,CREC,-5,90,1,1,1',
        'd9,Nine,CREC,100,90%,1,1,1',
        'd9,Nine,CREC,100,90,1,1,1',
      ].join('\n');
      const result = await importCsv(as(STATE_ADMIN), 'district-profile', csv);
      expect(result.body.rejectedRows).toEqual([
        { line: 2, column: 'attendance_rate', reason: 'invalid_value' },
        { line: 3, column: 'enrollment', reason: 'invalid_value' },
        { line: 5, column: 'district_id', reason: 'duplicate_row' },
      ]);
    });

    it("accept only the named district's row with ?districtId= (wrong_district)", async () => {
      const result = await importCsv(
        as(STATE_ADMIN),
        'district-profile',
        example('district-profile.csv'),
        '?districtId=d2',
      );
      expect(result.body.rejectedRows).toEqual([
        { line: 2, column: 'district_id', reason: 'wrong_district' },
        { line: 4, column: 'district_id', reason: 'wrong_district' },
      ]);
    });

    it('are refused to district logins (403)', async () => {
      const refused = await postImport(
        as(districtAdmin),
        'district-profile',
        example('district-profile.csv'),
      );
      expect([refused.status, refused.body.code]).toEqual([403, 'role_not_allowed']);
    });
  });

  describe('who may import and see imports', () => {
    it('refuses other roles and partial-district tokens (403)', async () => {
      const byVisitor = await postImport(as(visitor), 'schools', example('schools.csv'));
      expect([byVisitor.status, byVisitor.body.code]).toEqual([403, 'role_not_allowed']);
      const bySchool = await postImport(as(schoolCoordinator), 'schools', example('schools.csv'));
      expect([bySchool.status, bySchool.body.code]).toEqual([403, 'out_of_scope']);
      const otherDistrict = await postImport(
        as(coordinator('d1')),
        'schools',
        example('schools.csv'),
        '?districtId=d2',
      );
      expect([otherDistrict.status, otherDistrict.body.code]).toEqual([403, 'out_of_scope']);
    });

    it("scopes a state-wide admin's import to the district it names", async () => {
      const result = await importCsv(as(STATE_ADMIN), 'schools', example('schools.csv'), '?districtId=d2');
      expect(result.body.districtId).toBe('d2');
      expect(result.body.rejectedRows.map((row: { reason: string }) => row.reason)).toEqual([
        'wrong_district',
        'wrong_district',
        'wrong_district',
      ]);
    });

    it("shows an import to its district's coordinators and admins only (404 import_not_found)", async () => {
      const accepted = await postImport(as(coordinator('d1')), 'schools', example('schools.csv'));
      expect(accepted.status).toBe(202);
      expect(accepted.body).toEqual({
        importId: expect.any(String),
        status: 'running',
        href: `/v1/imports/${accepted.body.importId}`,
      });
      await importEnded(as(coordinator('d1')), accepted.body.importId);
      expect((await as(districtAdmin).get(accepted.body.href)).status).toBe(200);
      expect((await as(STATE_ADMIN).get(accepted.body.href)).status).toBe(200);
      for (const other of [coordinator('d2'), visitor]) {
        const hidden = await as(other).get(accepted.body.href);
        expect([hidden.status, hidden.body.code]).toEqual([404, 'import_not_found']);
      }
      const missing = await as(coordinator('d1')).get('/v1/imports/no-such-import');
      expect([missing.status, missing.body.code]).toEqual([404, 'import_not_found']);
    });

    it('refuses a body that is not text/csv (415) and a kind that does not exist (404)', async () => {
      const json = await as(coordinator('d1')).post('/v1/imports/schools', { rows: [] });
      expect([json.status, json.body.code]).toEqual([415, 'unsupported_media_type']);
      const unknown = await postImport(as(coordinator('d1')), 'teachers', example('schools.csv'));
      expect([unknown.status, unknown.body.code]).toEqual([404, 'import_kind_not_found']);
    });

    it('answers 413 body_too_large past LEAP_IMPORT_MAX_BYTES, and records the import as failed', async () => {
      process.env.LEAP_IMPORT_MAX_BYTES = '100';
      try {
        const tooLarge = await postImport(as(coordinator('d1')), 'schools', example('schools.csv'));
        expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'body_too_large']);
      } finally {
        delete process.env.LEAP_IMPORT_MAX_BYTES;
      }
      const store = api.openStore();
      try {
        const failed = (await store.readAll({ filter: { eventTypes: ['ImportFailed.v1'] } })).filter(
          (event) => event.data.reason === 'body_too_large',
        );
        expect(failed).toHaveLength(1);
      } finally {
        await store.close();
      }
    });
  });
});
