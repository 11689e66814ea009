import { assertNever, conflict, notFound, type Decider } from '../decider';
import {
  settingsOf,
  type DistrictCommand,
  type DistrictSettings,
  type DistrictEvent,
  type DistrictState,
} from './district';

/**
 * Districts are registered once; their settings change as a whole (the same settings again record
 * nothing); a school is added once per district.
 */
function decide(command: DistrictCommand, state: DistrictState): DistrictEvent[] {
  if (command.type === 'RegisterDistrict') {
    if (state.status !== 'none')
      throw conflict('district_exists', `District ${state.districtId} is already registered`);
    return [{ type: 'DistrictRegistered.v1', data: command.data }];
  }
  if (state.status === 'none') throw notFound('district_not_found', 'There is no such district');
  const { districtId } = state;
  switch (command.type) {
    case 'ChangeDistrictSettings': {
      const settings = command.data;
      const unknown = settings.targeting.schoolIds.filter(
        (schoolId) => !state.schools.some((school) => school.schoolId === schoolId),
      );
      if (unknown.length > 0)
        throw notFound(
          'school_not_found',
          `District ${districtId} has no school ${unknown.join(', ')} to target`,
        );
      if (sameSettings(settings, state.settings)) return [];
      return [{ type: 'DistrictSettingsChanged.v1', data: { districtId, settings } }];
    }
    case 'AddSchool': {
      const { schoolId } = command.data;
      if (state.schools.some((school) => school.schoolId === schoolId))
        throw conflict('school_exists', `District ${districtId} already has school ${schoolId}`);
      return [{ type: 'SchoolAdded.v1', data: { districtId, ...command.data } }];
    }
    default:
      return assertNever(command);
  }
}

/** Every setting compared (targeting lists in order: the order the coordinator gave is kept). */
const sameSettings = (a: DistrictSettings, b: DistrictSettings): boolean =>
  JSON.stringify(settingsOf(a), SETTINGS_KEYS) === JSON.stringify(settingsOf(b), SETTINGS_KEYS);
const SETTINGS_KEYS = (_key: string, value: unknown): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)))
    : value;

function evolve(state: DistrictState, event: DistrictEvent): DistrictState {
  switch (event.type) {
    case 'DistrictRegistered.v1':
      return state.status === 'none'
        ? { ...event.data, settings: settingsOf(event.data.settings), status: 'registered', schools: [] }
        : state;
    case 'DistrictSettingsChanged.v1':
      return state.status === 'none' ? state : { ...state, settings: settingsOf(event.data.settings) };
    case 'SchoolAdded.v1': {
      if (state.status === 'none') return state;
      const { schoolId, name, grades } = event.data;
      return { ...state, schools: [...state.schools, { schoolId, name, grades }] };
    }
    default:
      return assertNever(event);
  }
}

/** A district and its schools, stream `district-<districtId>`. */
export const districtDecider: Decider<DistrictCommand, DistrictEvent, DistrictState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
