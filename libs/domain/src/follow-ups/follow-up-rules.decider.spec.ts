import { given } from '../testing/given';
import { fold } from '../decider';
import { followUpRulesDecider, type FollowUpRulesChanged } from './follow-up-rules.decider';
import { DEFAULT_FOLLOW_UP_RULES, type FollowUpRuleChanges } from './rules';

const change = (rules: FollowUpRuleChanges) => ({
  type: 'ChangeFollowUpRules' as const,
  data: { districtId: 'd1', rules },
  actorId: 'coordinator',
});
const changed = (rules: FollowUpRuleChanges): FollowUpRulesChanged => ({
  type: 'FollowUpRulesChanged.v1',
  data: { districtId: 'd1', rules },
});

describe('when a district changes its follow-up rules', () => {
  it('records the changed fields only', () => {
    given(followUpRulesDecider, [])
      .when(change({ consent_answer: { after: 'P3D', enabled: true }, no_contact: { enabled: false } }))
      .then([changed({ consent_answer: { after: 'P3D' }, no_contact: { enabled: false } })]);
  });

  it('records nothing when nothing changes', () => {
    given(followUpRulesDecider, [changed({ first_visit: { after: 'PT2S' } })])
      .when(change({ first_visit: { after: 'PT2S', enabled: true } }))
      .then([]);
  });

  it.each(['7 days', 'P0D', 'PT0S', 'P', 'PT0.5S', 'P300000Y', 'P3Y'])(
    'rejects the threshold %j',
    (after) => {
      given(followUpRulesDecider, [])
        .when(change({ first_visit: { after } }))
        .thenThrows('duration_invalid', 'conflict');
    },
  );

  it('overlays the changes on the defaults, latest first', () => {
    const state = fold(followUpRulesDecider, [
      changed({ first_visit: { after: 'P3D' } }),
      changed({ first_visit: { enabled: false }, offer_consent: { after: 'PT5S' } }),
    ]);
    expect(state.rules).toEqual({
      ...DEFAULT_FOLLOW_UP_RULES,
      first_visit: { after: 'P3D', enabled: false },
      offer_consent: { after: 'PT5S', enabled: true },
    });
  });
});
