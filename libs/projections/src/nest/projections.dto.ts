import { ApiInstant, ApiInteger } from '@leap/http';
import type { ProjectionState } from '../projection-status';

export class ProjectionLagView {
  /** Events the projection subscribes to that it has not applied yet. */
  @ApiInteger() events!: number;
  /** True when there are more than `events` (counting stopped at 10 000). */
  eventsCapped!: boolean;
  /** Age of the oldest event not applied yet; 0 when caught up. */
  seconds!: number;
}

export class ProjectionErrorView {
  message!: string;
  @ApiInstant() at!: string;
}

/** A generation being built aside while a rebuild runs. */
export class ProjectionRebuildView {
  @ApiInteger() generation!: number;
  @ApiInteger() version!: number;
  checkpoint!: string | null;
  @ApiInteger() eventsApplied!: number;
}

export class ProjectionStatusView {
  name!: string;
  @ApiInteger() version!: number;
  state!: ProjectionState;
  /** Position of the last event applied to the served generation. */
  checkpoint!: string | null;
  @ApiInstant() updatedAt!: string | null;
  @ApiInteger() eventsApplied!: number;
  lag!: ProjectionLagView;
  /** The most recent failure, kept after recovery; `state` says whether it is still failing. */
  lastError!: ProjectionErrorView | null;
  rebuild!: ProjectionRebuildView | null;
}

export class ProjectionsView {
  projections!: ProjectionStatusView[];
}
