import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@leap/projections';
import { FidelityController } from './http/fidelity.controller';
import { FidelityFactsSource } from './facts-source/fidelity-facts-source.service';
import { FidelityReports } from './http/fidelity-reports.service';
import { fidelityFactsProjection } from './read-models/fidelity-facts.projection';
import { FidelityFactsReader } from './read-models/fidelity-facts.reader';

@Module({
  imports: [ProjectionsModule.forFeature([fidelityFactsProjection])],
  controllers: [FidelityController],
  providers: [FidelityFactsReader, FidelityFactsSource, FidelityReports],
  exports: [FidelityFactsSource, FidelityReports],
})
export class FidelityModule {}
