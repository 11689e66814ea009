import { reasonPii, type RecordVisitHeld, type RecordVisitNotHeld, type ScheduleVisit } from '@leap/domain';
import type { VisitDto, VisitOutcomeDto } from './dto/case-entries.dto';

/**
 * Maps a visit request (new visit, or the outcome of a scheduled one) to its domain command. What the
 * visitor wrote (strengths, aspirations, notes, a reason) goes into the command's `pii`; codes stay clear.
 */
export function visitCommand(
  visitId: string,
  dto: VisitDto | VisitOutcomeDto,
  actorId: string,
  /** True for the outcome of a scheduled visit: `visitId` must then name one. */
  resolvesScheduledVisit: boolean,
): ScheduleVisit | RecordVisitHeld | RecordVisitNotHeld {
  switch (dto.status) {
    case 'scheduled':
      return {
        type: 'ScheduleVisit',
        data: {
          visitId,
          date: dto.date,
          location: dto.location!,
          visitorIds: dto.visitorIds!,
          householdVisitId: dto.householdVisitId ?? null,
        },
        actorId,
      };
    case 'held':
      return {
        type: 'RecordVisitHeld',
        data: {
          visitId,
          resolvesScheduledVisit,
          visitNumber: dto.visitNumber ?? null,
          date: dto.date,
          location: dto.location!,
          visitorIds: dto.visitorIds!,
          householdVisitId: dto.householdVisitId ?? null,
          barriers: dto.barriers ?? [],
          strengthCodes: dto.strengthCodes ?? [],
          familyWantsToContinue: dto.familyWantsToContinue ?? null,
          pii: { ...dto.pii, strengths: dto.strengths ?? [], aspirations: dto.aspirations ?? [] },
        },
        actorId,
      };
    case 'missed':
    case 'cancelled':
      return {
        type: 'RecordVisitNotHeld',
        data: {
          visitId,
          status: dto.status,
          date: dto.date,
          reasonCode: dto.reasonCode ?? null,
          pii: reasonPii(dto.reason),
        },
        actorId,
      };
  }
}
