import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { ForbiddenError, seesPersonalData, type Principal, type Role } from '@leap/auth';
import { latestSchoolYearOf, STUDENT_ATTENDANCE, StudentAttendanceReader } from '@leap/attendance';
import { openCaseStudents } from '@leap/case-summaries';
import { notFound, type DistrictSettings } from '@leap/domain';
import { RequestValidationError } from '@leap/http';
import { READ_MODELS, type ReadModels } from '@leap/projections';
import { RegistryReader } from '@leap/registry';
import { byNeed, candidateOf, isAfter, type Candidate } from '../domain/need-score';
import { encodeCandidateCursor, type CandidateCursor } from './candidate-cursor';
import type { CandidatePage, CandidateView } from './candidates.dto';

/** Who lists candidates: those who identify students, and fidelity monitors (without personal data). */
export const CANDIDATE_READERS: readonly Role[] = [
  'coordinator',
  'attendance_team',
  'admin',
  'fidelity_monitor',
];

export interface CandidatesRequest {
  districtId?: string;
  schoolId?: string;
  cursor?: CandidateCursor;
  limit: number;
}

/**
 * Ranks a district's students who may need LEAP. Reads the student attendance and the case
 * summaries in one snapshot of the read-model file, so a student whose case just opened is either
 * listed with the figures before it or left out, never half-way.
 */
@Injectable()
export class IdentificationCandidates {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly students: StudentAttendanceReader,
    private readonly registry: RegistryReader,
  ) {}

  /** The district the listing is for: the token's; a state-wide admin names one. 403 for other roles. */
  districtOf(principal: Principal, requested: string | undefined): string | null {
    if (!CANDIDATE_READERS.includes(principal.role))
      throw new ForbiddenError(
        'role_not_allowed',
        `Role ${principal.role} does not list identification candidates`,
      );
    if (principal.districtId === null) {
      if (requested === undefined)
        throw new RequestValidationError([
          { path: 'districtId', reason: 'districtId is required with a state-wide token' },
        ]);
      return requested;
    }
    // Another district is outside the token's scope: nothing is listed, as if it had no students.
    return requested === undefined || requested === principal.districtId ? principal.districtId : null;
  }

  async list(principal: Principal, request: CandidatesRequest): Promise<CandidatePage> {
    const districtId = this.districtOf(principal, request.districtId);
    const settings = districtId === null ? null : await this.settingsOf(districtId);
    const schoolIds = schoolsInScope(principal.schoolIds, request.schoolId);
    const { candidates, schoolYear, position } = this.readModels.snapshot(() => {
      const position = this.readModels.checkpoints.active(STUDENT_ATTENDANCE)?.position ?? null;
      this.students.activeTable(); // 503 before the first build
      if (districtId === null || settings === null || (schoolIds !== null && schoolIds.length === 0))
        return { candidates: [] as Candidate[], schoolYear: null, position };
      const docs = this.students.studentsOf(districtId, schoolIds);
      const open = openCaseStudents(this.readModels, districtId);
      // Before the case summaries are built, who has an open case is unknown: listing anyway could
      // offer a student already served.
      if (open === null)
        throw new ServiceUnavailableException({
          code: 'read_model_behind',
          message: 'The case summaries are not built yet',
        });
      const schoolYear = docs
        .map(latestSchoolYearOf)
        .reduce<string | null>(
          (latest, year) => (year !== null && (latest === null || year > latest) ? year : latest),
          null,
        );
      if (schoolYear === null) return { candidates: [] as Candidate[], schoolYear, position };
      const candidates = docs
        .filter((doc) => !open.has(doc.student))
        .map((doc) => candidateOf(doc, settings, schoolYear))
        .filter((candidate): candidate is Candidate => candidate !== null)
        .sort(byNeed);
      return { candidates, schoolYear, position };
    });
    const after = request.cursor;
    const start = after === undefined ? 0 : candidates.findIndex((candidate) => isAfter(candidate, after));
    const from = start === -1 ? candidates.length : start;
    const page = candidates.slice(from, from + request.limit);
    const last = page.at(-1);
    const hasMore = from + page.length < candidates.length;
    const seesPii = seesPersonalData(principal.role);
    const targeting = settings?.targeting;
    return {
      items: page.map((candidate, index) => toView(candidate, from + index + 1, seesPii)),
      nextCursor: hasMore && last ? encodeCandidateCursor(last) : null,
      districtId: districtId ?? request.districtId ?? principal.districtId ?? '',
      schoolYear,
      targeting: {
        approach: targeting?.approach ?? 'district_wide',
        schoolIds: targeting?.schoolIds ?? [],
        grades: targeting?.grades ?? [],
        flags: targeting?.flags ?? [],
      },
      minimumEnrolledDays: settings?.minimumEnrolledDays ?? 0,
      position,
    };
  }

  private async settingsOf(districtId: string): Promise<DistrictSettings> {
    const district = await this.registry.district(districtId);
    if (district.status !== 'registered') throw notFound('district_not_found', 'There is no such district');
    return district.settings;
  }
}

/** The schools listed: the token's, narrowed to `schoolId` when asked (a school outside them: none). */
function schoolsInScope(tokenSchools: string[] | null, schoolId: string | undefined): string[] | null {
  if (schoolId === undefined) return tokenSchools;
  return tokenSchools === null || tokenSchools.includes(schoolId) ? [schoolId] : [];
}

function toView(candidate: Candidate, rank: number, seesPii: boolean): CandidateView {
  const { roster } = candidate;
  return {
    student: candidate.student,
    studentId: seesPii ? candidate.studentId : candidate.student,
    districtId: roster.districtId,
    schoolId: roster.schoolId,
    grade: roster.grade,
    flags: { ...roster.flags },
    homeLanguage: roster.homeLanguage,
    rank,
    needScore: candidate.needScore,
    reasons: candidate.reasons,
    tier: candidate.tier,
    trend: candidate.trend,
    latestMonth: candidate.latestMonth,
    yearToDate: candidate.yearToDate,
  };
}
