import { assertNever, conflict, notFound, type Decider } from '../decider';
import { settingsOf, type DistrictCommand, type DistrictEvent, type DistrictState } from './district';

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
      // Every setting counts (targeting, minimum enrolled days, partial days too), read the same way.
      if (JSON.stringify(settingsOf(settings)) === JSON.stringify(settingsOf(state.settings))) return [];
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
