import { Module } from '@nestjs/common';
import { RegistryModule } from '@leap/registry';
import { StateExportFacts } from './state-export-facts';
import { StateExportsController } from './state-exports.controller';
import { StateExports } from './state-exports.service';
import { suppressionRuleProvider } from './suppression-rule.provider';

/** Exports to the state: fixed, suppressed tables of the fidelity fold's counts, each one audited. */
@Module({
  imports: [RegistryModule],
  controllers: [StateExportsController],
  providers: [StateExports, StateExportFacts, suppressionRuleProvider],
})
export class StateExportsModule {}
