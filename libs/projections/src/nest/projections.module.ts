import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { AnyProjection } from '../projection';
import { ReadModels, readModelsFile } from '../read-models';
import { ProjectionRegistry } from './projection-registry';
import { ProjectionsController } from './projections.controller';
import { PROJECTIONS_CONFIG, READ_MODELS, loadProjectionsConfig } from './projections.config';
import { ProjectionsService } from './projections.service';
import { ReadYourWrites } from './read-your-writes';

let features = 0;

/**
 * The read-model file (`LEAP_DATA_DIR/read-models.sqlite`), the projection runner and
 * `GET /v1/projections`. Import it once (app module); feature modules register their projections
 * with `ProjectionsModule.forFeature([projection])`.
 */
@Global()
@Module({
  providers: [
    { provide: READ_MODELS, useFactory: () => ReadModels.open(readModelsFile(process.env)) },
    { provide: PROJECTIONS_CONFIG, useFactory: () => loadProjectionsConfig(process.env) },
    ProjectionRegistry,
    ProjectionsService,
    ReadYourWrites,
  ],
  controllers: [ProjectionsController],
  exports: [READ_MODELS, PROJECTIONS_CONFIG, ProjectionRegistry, ProjectionsService, ReadYourWrites],
})
export class ProjectionsModule implements OnApplicationShutdown {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  /** Registers projections with the runner; they start with the application. */
  static forFeature(projections: AnyProjection[]): DynamicModule {
    const token = `leap:projections:feature:${++features}`;
    return {
      module: ProjectionFeatureModule,
      providers: [
        {
          provide: token,
          useFactory: (registry: ProjectionRegistry) => projections.forEach((p) => registry.register(p)),
          inject: [ProjectionRegistry],
        },
      ],
    };
  }

  onApplicationShutdown(): void {
    this.readModels.close();
  }
}

@Module({})
class ProjectionFeatureModule {}
