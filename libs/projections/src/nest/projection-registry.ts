import { Injectable } from '@nestjs/common';
import { assertProjectionName, type AnyProjection } from '../projection';

/** The projections of this process, registered by feature modules through `ProjectionsModule.forFeature`. */
@Injectable()
export class ProjectionRegistry {
  private readonly projections = new Map<string, AnyProjection>();

  register(projection: AnyProjection): void {
    assertProjectionName(projection.name);
    const existing = this.projections.get(projection.name);
    if (existing && existing !== projection)
      throw new Error(`Projection ${projection.name} is registered twice`);
    this.projections.set(projection.name, projection);
  }

  all(): AnyProjection[] {
    return [...this.projections.values()];
  }

  get(name: string): AnyProjection {
    const projection = this.projections.get(name);
    if (!projection) throw new Error(`No projection named ${name} is registered`);
    return projection;
  }
}
