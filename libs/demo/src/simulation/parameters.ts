/**
 * What a demo state is built from. Every number the simulation draws derives from `seed`; `through`
 * is the last business date (the end of the second school year).
 */
export interface PlantedEffect {
  /** Points of attendance rate the month after the first visit. */
  month1: number;
  /** Points six months after the first visit (interpolated from month 1). */
  month6: number;
  /** Points nine months after (interpolated from month 6; held from then on). */
  month9: number;
  /** Multiplier for grades 6–12, relative to PK–5. */
  secondary: number;
  /** Multiplier for English learners. */
  englishLearner: number;
  /** Multiplier when the first visit was virtual or by phone. */
  remote: number;
}

export type AttendanceShape = 'daily' | 'monthly';

export interface DemoParameters {
  seed: number;
  districts: number;
  students: number;
  /** `YYYY-MM-DD`: the last business date; the second school year ends here. */
  through: string;
  /** Daily Ed-Fi rows, or monthly period summaries (faster). */
  attendance: AttendanceShape;
  effect: PlantedEffect;
  /**
   * How strongly consent depends on attendance before identification (families with better
   * attendance consent more often) and on the flags: 0 makes consent independent of both.
   */
  selection: number;
}

/** Defaults after the state's published evaluation: +4 the month after, +15 after six months. */
export const DEFAULT_EFFECT: PlantedEffect = {
  month1: 4,
  month6: 15,
  month9: 15,
  secondary: 2,
  englishLearner: 0.5,
  remote: 0.5,
};

export const DEFAULT_SELECTION = 1;

/**
 * The last ended school year's last day relative to `today`: June 30 of this year from July on,
 * else of last year. The only place the real date matters; the caller passes it.
 */
export function lastEndedSchoolYear(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return `${month >= 7 ? year : year - 1}-06-30`;
}

export function demoParameters(
  given: Partial<Omit<DemoParameters, 'effect'>> & { effect?: Partial<PlantedEffect> },
  today: string,
): DemoParameters {
  return {
    seed: given.seed ?? 7,
    districts: given.districts ?? 3,
    students: given.students ?? 2500,
    through: given.through ?? lastEndedSchoolYear(today),
    attendance: given.attendance ?? 'daily',
    effect: { ...DEFAULT_EFFECT, ...given.effect },
    selection: given.selection ?? DEFAULT_SELECTION,
  };
}

/**
 * The planted effect at `eventMonth` months after the first visit's month, before multipliers:
 * none up to the month of the first visit, `month1` the month after, then linear to `month6` and
 * `month9`, held after that.
 */
export function plantedEffectAt(effect: PlantedEffect, eventMonth: number): number {
  if (eventMonth <= 0) return 0;
  if (eventMonth <= 1) return effect.month1;
  if (eventMonth <= 6) return effect.month1 + ((effect.month6 - effect.month1) * (eventMonth - 1)) / 5;
  if (eventMonth <= 9) return effect.month6 + ((effect.month9 - effect.month6) * (eventMonth - 6)) / 3;
  return effect.month9;
}
