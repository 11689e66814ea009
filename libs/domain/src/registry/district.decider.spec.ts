import { fold } from '../decider';
import { given } from '../testing/given';
import { DEFAULT_TARGETING } from '../attendance/targeting';
import {
  settingsOf,
  type DistrictCommand,
  type DistrictEvent,
  type DistrictProfile,
  type School,
} from './district';
import { districtDecider } from './district.decider';

const profile: DistrictProfile = {
  districtId: 'd1',
  name: 'Hartford',
  regionId: 'CREC',
  timeZone: 'America/New_York',
  settings: settingsOf({ allowUntrainedVisitors: false, retention: null }),
};
const lincoln: School = { schoolId: 'sch-1', name: 'Lincoln Middle', grades: ['6', '7', '8'] };
const registered: DistrictEvent = { type: 'DistrictRegistered.v1', data: profile };
const schoolAdded = (school: School): DistrictEvent => ({
  type: 'SchoolAdded.v1',
  data: { districtId: 'd1', ...school },
});
const settingsChanged = (
  allowUntrainedVisitors: boolean,
  retention: string | null = null,
): DistrictEvent => ({
  type: 'DistrictSettingsChanged.v1',
  data: { districtId: 'd1', settings: settingsOf({ allowUntrainedVisitors, retention }) },
});
const by = <C extends DistrictCommand>(command: Omit<C, 'actorId'>) =>
  ({ ...command, actorId: 'admin' }) as C;

describe('when a district is registered', () => {
  it('records the district with its region, time zone and settings', () => {
    given(districtDecider, [])
      .when(by({ type: 'RegisterDistrict', data: profile }))
      .then([registered]);
  });

  it('rejects registering the district again', () => {
    given(districtDecider, [registered])
      .when(by({ type: 'RegisterDistrict', data: { ...profile, name: 'Hartford Public Schools' } }))
      .thenThrows('district_exists', 'conflict');
  });
});

describe('when a district’s settings change', () => {
  it('records the new settings', () => {
    given(districtDecider, [registered])
      .when(
        by({
          type: 'ChangeDistrictSettings',
          data: settingsOf({ allowUntrainedVisitors: true, retention: null }),
        }),
      )
      .then([settingsChanged(true)]);
  });

  it('records nothing when the settings are already so', () => {
    given(districtDecider, [registered, settingsChanged(true)])
      .when(
        by({
          type: 'ChangeDistrictSettings',
          data: settingsOf({ allowUntrainedVisitors: true, retention: null }),
        }),
      )
      .then([]);
  });

  it('records a retention period, and nothing when it is set again', () => {
    const keepThreeYears = settingsOf({ allowUntrainedVisitors: false, retention: 'P3Y' });
    given(districtDecider, [registered])
      .when(by({ type: 'ChangeDistrictSettings', data: keepThreeYears }))
      .then([settingsChanged(false, 'P3Y')]);
    given(districtDecider, [registered, settingsChanged(false, 'P3Y')])
      .when(by({ type: 'ChangeDistrictSettings', data: keepThreeYears }))
      .then([]);
  });

  it('records a change of targeting or minimum enrolled days alone', () => {
    const targeted = settingsOf({
      allowUntrainedVisitors: false,
      retention: null,
      targeting: { approach: 'school_subset', schoolIds: ['sch-1'], grades: ['K', '6', '9'], flags: [] },
      minimumEnrolledDays: 15,
    });
    given(districtDecider, [registered, schoolAdded(lincoln)])
      .when(by({ type: 'ChangeDistrictSettings', data: targeted }))
      .then([{ type: 'DistrictSettingsChanged.v1', data: { districtId: 'd1', settings: targeted } }]);
  });

  it('reads settings recorded before retention existed as keeping data until erased', () => {
    const before = {
      type: 'DistrictRegistered.v1',
      data: { ...profile, settings: { allowUntrainedVisitors: true } },
    };
    expect(fold(districtDecider, [before as DistrictEvent])).toMatchObject({
      settings: { allowUntrainedVisitors: true, retention: null },
    });
  });

  it('records a new targeting approach, the other settings unchanged', () => {
    const targeting = { ...DEFAULT_TARGETING, approach: 'school_subset' as const, schoolIds: ['sch-1'] };
    const settings = settingsOf({ targeting });
    given(districtDecider, [registered, schoolAdded(lincoln)])
      .when(by({ type: 'ChangeDistrictSettings', data: settings }))
      .then([{ type: 'DistrictSettingsChanged.v1', data: { districtId: 'd1', settings } }]);
  });

  it('rejects targeting a school the district does not have', () => {
    const targeting = { ...DEFAULT_TARGETING, approach: 'school_subset' as const, schoolIds: ['sch-9'] };
    given(districtDecider, [registered, schoolAdded(lincoln)])
      .when(by({ type: 'ChangeDistrictSettings', data: settingsOf({ targeting }) }))
      .thenThrows('school_not_found', 'not_found');
  });

  it('rejects settings for a district that is not registered', () => {
    given(districtDecider, [])
      .when(
        by({
          type: 'ChangeDistrictSettings',
          data: settingsOf({ allowUntrainedVisitors: true, retention: null }),
        }),
      )
      .thenThrows('district_not_found', 'not_found');
  });
});

describe('when a school is added', () => {
  it('records the school in its district', () => {
    given(districtDecider, [registered])
      .when(by({ type: 'AddSchool', data: lincoln }))
      .then([schoolAdded(lincoln)]);
  });

  it('rejects a school id the district already has', () => {
    given(districtDecider, [registered, schoolAdded(lincoln)])
      .when(by({ type: 'AddSchool', data: { ...lincoln, name: 'Lincoln' } }))
      .thenThrows('school_exists', 'conflict');
  });

  it('rejects a school of a district that is not registered', () => {
    given(districtDecider, [])
      .when(by({ type: 'AddSchool', data: lincoln }))
      .thenThrows('district_not_found', 'not_found');
  });
});

describe('when district events are folded', () => {
  it('keeps the profile, the latest settings and every school in order', () => {
    const kennedy: School = { schoolId: 'sch-2', name: 'Kennedy High', grades: ['9', '10', '11', '12'] };
    expect(
      fold(districtDecider, [registered, schoolAdded(lincoln), settingsChanged(true), schoolAdded(kennedy)]),
    ).toEqual({
      ...profile,
      settings: settingsOf({ allowUntrainedVisitors: true, retention: null }),
      status: 'registered',
      schools: [lincoln, kennedy],
    });
  });
});
