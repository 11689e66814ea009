import { CandidateFollowUps } from '@leap/follow-ups';
import {
  candidateIdOf,
  candidateStreamOf,
  lastSchoolMonthDue,
  parseDuration,
  schoolYearOf,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { districtTimeZone, localDate } from '@leap/http';
import { eventually } from '../libs/follow-ups/src/testing/follow-up-test-env';
import { AttendanceSeed } from './support/attendance-seed';
import { useFollowUpApi } from './support/follow-ups';
import { coordinator, withDistricts, type Client, type TestApi } from './support/harness';
import { identifyBody, nextStudentId } from './support/journey-fixtures';

jest.setTimeout(40_000);

const DISTRICT = 'd-cand';
const WHERE = { districtId: DISTRICT, schoolId: 'sch-2' };
const MONTH = lastSchoolMonthDue(
  Date.now(),
  parseDuration('P7D')!,
  districtTimeZone(),
  localDate(new Date(), districtTimeZone()),
);

type Item = { followUpId: string; candidateId: string | null; caseId: string | null; [key: string]: unknown };

describe('when the new_candidate rule lists chronically absent students without a case', () => {
  const { api: currentApi } = useFollowUpApi(withDistricts(DISTRICT, 'd-cand-other'));
  let api: TestApi;
  let coord: Client;
  let seed: AttendanceSeed;
  const team = (sub: string, schoolIds?: string[]) =>
    api.as({ sub, role: 'attendance_team', districtId: DISTRICT, ...(schoolIds ? { schoolIds } : {}) });

  beforeAll(() => {
    api = currentApi();
    coord = api.as(coordinator(DISTRICT));
    seed = new AttendanceSeed(api);
  });

  const candidateItems = async (): Promise<Item[]> =>
    ((await coord.get('/v1/worklists?limit=200')).body.items as Item[]).filter((i) => i.candidateId !== null);
  /** A rostered student whose month is imported with these figures; answers the candidate id and student id. */
  const absentStudent = async (daysAbsent: number) => {
    const studentId = nextStudentId();
    const student = await seed.roster(studentId, WHERE);
    const imported = await seed.month(student, WHERE, MONTH, { daysEnrolled: 20, daysAbsent });
    return { studentId, student, imported: imported!, candidateId: candidateIdOf(DISTRICT, student) };
  };
  const consider = (student: string, imported: { id: string }) =>
    api.app
      .get(CandidateFollowUps, { strict: false })
      .considerCandidate({ id: imported.id, metadata: {} } as never, {
        districtId: DISTRICT,
        student,
        schoolYear: schoolYearOf(`${MONTH}-01`),
      });
  const candidateEvents = async (candidateId: string) =>
    (await api.app.get<EventStore>(EVENT_STORE).readStream(candidateStreamOf(candidateId))).map(
      (e) => e.type,
    );

  it('is off by default: a chronically absent student is not listed', async () => {
    const rules = (await coord.get(`/v1/districts/${DISTRICT}/follow-up-rules`)).body.rules;
    expect(rules.new_candidate).toEqual({ after: 'P1D', enabled: false });
    expect(rules.attendance_data_missing).toEqual({ after: 'P7D', enabled: true });
    const { student, imported, candidateId } = await absentStudent(4);
    expect(await consider(student, imported)).toBe('rule_off');
    expect(await candidateItems()).toEqual([]);
    const claim = await team('team-a').post(`/v1/candidates/${candidateId}/claim`, undefined);
    expect([claim.status, claim.body.code]).toEqual([404, 'candidate_not_found']);
  });

  describe('once the district turns it on', () => {
    let listed: Awaited<ReturnType<typeof absentStudent>>;
    let item: Item;

    beforeAll(async () => {
      const put = await coord.send(
        'PUT',
        `/v1/districts/${DISTRICT}/follow-up-rules`,
        { rules: { new_candidate: { enabled: true } } },
        {},
      );
      expect(put.status).toBe(200);
    });

    it('puts one item on the school team’s worklist, with the candidate and no case', async () => {
      listed = await absentStudent(3);
      item = await eventually(
        async () => (await candidateItems()).find((i) => i.candidateId === listed.candidateId),
        { what: 'the candidate item' },
      );
      expect(item).toMatchObject({
        caseId: null,
        candidateId: listed.candidateId,
        districtId: DISTRICT,
        schoolId: 'sch-2',
        studentId: listed.student,
        rule: 'new_candidate',
        tier: 'chronic',
        triggerEventId: listed.imported.id,
        links: {
          case: null,
          claim: `/v1/candidates/${listed.candidateId}/claim`,
          dismiss: `/v1/candidates/${listed.candidateId}/dismiss`,
        },
      });
      // Another chronic month raises nothing more: the student became a candidate once this year.
      const next = await seed.month(listed.student, WHERE, MONTH, { daysEnrolled: 20, daysAbsent: 6 });
      expect(await consider(listed.student, next!)).toBe('already_raised');
      expect((await candidateItems()).filter((i) => i.candidateId === listed.candidateId)).toHaveLength(1);
      expect(await candidateEvents(listed.candidateId)).toEqual(['CandidateFollowUpDue.v1']);
    });

    it('does not list a student who is only at risk', async () => {
      const { student, imported } = await absentStudent(1);
      expect(await consider(student, imported)).toBe('not_a_candidate');
    });

    it('lets the team claim and dismiss it with a coded reason, within scope', async () => {
      const path = `/v1/candidates/${listed.candidateId}`;
      const claim = await team('team-a').post(`${path}/claim`, undefined);
      expect([claim.status, claim.body.followUpId]).toEqual([200, item.followUpId]);
      expect((await team('team-a').post(`${path}/claim`, undefined)).status).toBe(200);
      const stolen = await team('team-b').post(`${path}/claim`, undefined);
      expect([stolen.status, stolen.body.code]).toEqual([409, 'already_claimed']);
      const otherSchool = await team('team-c', ['sch-1']).post(`${path}/claim`, undefined);
      expect([otherSchool.status, otherSchool.body.code]).toEqual([404, 'candidate_not_found']);
      const otherDistrict = await api.as(coordinator('d-cand-other')).post(`${path}/claim`, undefined);
      expect([otherDistrict.status, otherDistrict.body.code]).toEqual([404, 'candidate_not_found']);
      const visitor = await api
        .as({ sub: 'visitor-1', role: 'home_visitor', districtId: DISTRICT })
        .post(`${path}/claim`, undefined);
      expect([visitor.status, visitor.body.code]).toEqual([403, 'role_not_allowed']);
      const bad = await team('team-a').post(`${path}/dismiss`, { reasonCode: 'bored' });
      expect(bad.status).toBe(400);

      const dismissed = await team('team-a').post(`${path}/dismiss`, { reasonCode: 'absences_explained' });
      expect([dismissed.status, dismissed.body.followUpId]).toEqual([200, item.followUpId]);
      const again = await team('team-a').post(`${path}/claim`, undefined);
      expect([again.status, again.body.code]).toEqual([409, 'candidate_not_open']);
      await eventually(
        async () => !(await candidateItems()).some((i) => i.candidateId === listed.candidateId),
        { what: 'the dismissed candidate to leave the worklist' },
      );
      const events = await api.app
        .get<EventStore>(EVENT_STORE)
        .readStream(candidateStreamOf(listed.candidateId));
      expect(events.at(-1)).toMatchObject({
        type: 'CandidateDismissed.v1',
        data: { reasonCode: 'absences_explained', dismissedBy: 'team-a' },
        metadata: { actorId: 'team-a', districtId: DISTRICT, schoolId: 'sch-2' },
      });
    });

    it('resolves the candidate when the student is identified', async () => {
      const candidate = await absentStudent(5);
      await eventually(
        async () => (await candidateItems()).some((i) => i.candidateId === candidate.candidateId),
        { what: 'the candidate item' },
      );
      const created = await coord.post(
        '/v1/cases',
        identifyBody({ studentId: candidate.studentId, ...WHERE, identifiedOn: `${MONTH}-01` }),
      );
      expect(created.status).toBe(201);
      await eventually(
        async () => (await candidateEvents(candidate.candidateId)).includes('CandidateIdentified.v1'),
        { what: 'the identification to resolve the candidate' },
      );
      await eventually(
        async () => !(await candidateItems()).some((i) => i.candidateId === candidate.candidateId),
        { what: 'the candidate to leave the worklist' },
      );
      const claim = await team('team-a').post(`/v1/candidates/${candidate.candidateId}/claim`, undefined);
      expect([claim.status, claim.body.code]).toEqual([409, 'candidate_not_open']);
    });

    it('lists only students the targeting approach covers, with a tier after the minimum enrolled days', async () => {
      const put = await coord.send(
        'PUT',
        `/v1/districts/${DISTRICT}/settings`,
        {
          allowUntrainedVisitors: false,
          targeting: { approach: 'school_subset', schoolIds: ['sch-1'] },
          minimumEnrolledDays: 10,
        },
        {},
      );
      expect(put.status).toBe(200);
      const outside = await absentStudent(8);
      expect(await consider(outside.student, outside.imported)).toBe('not_a_candidate');

      const studentId = nextStudentId();
      const inside = await seed.roster(studentId, { ...WHERE, schoolId: 'sch-1' });
      const short = await seed.month(inside, { ...WHERE, schoolId: 'sch-1' }, MONTH, {
        daysEnrolled: 8,
        daysAbsent: 4,
      });
      expect(await consider(inside, short!)).toBe('not_a_candidate');
    });
  });
});
