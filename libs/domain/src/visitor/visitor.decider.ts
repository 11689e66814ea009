import { assertNever, conflict, notFound, type Decider } from '../decider';
import type { VisitorCommand, VisitorEvent, VisitorState } from './visitor';

/**
 * Home-visitor registry, stream `visitor-<visitorId>`. Trainings are facts with a date: recording the
 * same training with the same completion date again changes nothing (a retried import appends no
 * duplicate), while the same training on another date is a new fact (e.g. a refresher).
 */
function decide(command: VisitorCommand, state: VisitorState): VisitorEvent[] {
  switch (command.type) {
    case 'RegisterVisitor':
      if (state.status !== 'none')
        throw conflict('visitor_exists', `Visitor ${state.visitorId} is already registered`);
      return [{ type: 'VisitorRegistered.v1', data: command.data }];
    case 'RecordVisitorTraining': {
      if (state.status === 'none') throw notFound('visitor_not_found', 'There is no such visitor');
      const { training, completedOn } = command.data;
      const known = state.trainings.some((t) => t.training === training && t.completedOn === completedOn);
      if (known) return [];
      return [
        { type: 'VisitorTrainingCompleted.v1', data: { visitorId: state.visitorId, training, completedOn } },
      ];
    }
    default:
      return assertNever(command);
  }
}

function evolve(state: VisitorState, event: VisitorEvent): VisitorState {
  switch (event.type) {
    case 'VisitorRegistered.v1':
      return { ...event.data, status: 'registered', trainings: [] };
    case 'VisitorTrainingCompleted.v1': {
      if (state.status === 'none') return state;
      const { training, completedOn } = event.data;
      return { ...state, trainings: [...state.trainings, { training, completedOn }] };
    }
    default:
      return assertNever(event);
  }
}

export const visitorDecider: Decider<VisitorCommand, VisitorEvent, VisitorState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
