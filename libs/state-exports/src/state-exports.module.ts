import { Module } from '@nestjs/common';
import { FidelityModule } from '@leap/fidelity';
import { RegistryModule } from '@leap/registry';
import { StateExportsController } from './state-exports.controller';
import { StateExports } from './state-exports.service';
import { suppressionRuleProvider } from './suppression-rule.provider';

/** Exports to the state: fixed, suppressed tables of the fidelity fold's counts, each one audited. */
@Module({
  imports: [FidelityModule, RegistryModule],
  controllers: [StateExportsController],
  providers: [StateExports, suppressionRuleProvider],
})
export class StateExportsModule {}
