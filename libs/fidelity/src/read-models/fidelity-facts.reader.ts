import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { READ_MODELS, type ReadModels } from '@leap/projections';
import { factsOf } from '../domain/evolve-facts';
import type { FidelityFacts, StreamFacts } from '../domain/facts';
import { FIDELITY_FACTS } from './fidelity-facts.projection';

/** The projected facts, read in one snapshot of the read-model file. */
@Injectable()
export class FidelityFactsReader {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  /**
   * The facts of one district (its cases, visitors and registration), or of every district (null),
   * with the position they reflect. Every district's registration is always included (regions).
   */
  read(districtId: string | null): { facts: FidelityFacts; position: string | null } {
    return this.readModels.snapshot(() => {
      const active = this.readModels.checkpoints.active(FIDELITY_FACTS);
      const table = this.readModels.activeTable(FIDELITY_FACTS);
      if (!active || !table) {
        throw new ServiceUnavailableException({
          code: 'read_model_behind',
          message: 'The fidelity facts are not built yet',
        });
      }
      const sql =
        districtId === null
          ? `SELECT document FROM ${table}`
          : `SELECT document FROM ${table} WHERE district_id = ? OR kind = 'district'`;
      const statement = this.readModels.db.prepare<string[], string>(sql).pluck();
      const rows = districtId === null ? statement.all() : statement.all(districtId);
      return {
        facts: factsOf(rows.map((json) => JSON.parse(json) as StreamFacts)),
        position: active.position,
      };
    });
  }
}
