import { Module } from '@nestjs/common';
import { FidelityModule } from '@leap/fidelity';
import { IdentificationModule } from '@leap/identification';
import { RegistryModule } from '@leap/registry';
import { AllocationFactors } from './allocations/allocation-factors.service';
import { AllocationsController } from './allocations/allocations.controller';
import { Allocations } from './allocations/allocations.service';
import { DistrictExpenditures } from './expenditures/district-expenditures.service';
import { ExpendituresController } from './expenditures/expenditures.controller';
import { VISITS_HELD } from './performance/visits-held';
import { VisitsHeldFromFidelityFacts } from './performance/visits-held-from-fidelity-facts';

/** Districts' expenditure reports and the state's funding allocations. */
@Module({
  imports: [FidelityModule, IdentificationModule, RegistryModule],
  controllers: [ExpendituresController, AllocationsController],
  providers: [
    DistrictExpenditures,
    AllocationFactors,
    Allocations,
    { provide: VISITS_HELD, useClass: VisitsHeldFromFidelityFacts },
  ],
})
export class FundingModule {}
