import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '@leap/auth';
import { handleCommand, type CommandContext } from '@leap/commands';
import { schoolYearOf } from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { cellsOf } from '@leap/fidelity';
import { today } from '@leap/http';
import { RegistryReader } from '@leap/registry';
import {
  stateExportDecider,
  stateExportStreamId,
  type StateExportName,
  type StateExportProducedData,
} from './domain/state-export';
import { exportScopeOf } from './export-access';
import { StateExportFacts } from './state-export-facts';
import type { StateExportQuery } from './state-exports.dto';
import { SUPPRESSION_RULE } from './suppression-rule.provider';
import type { SuppressionRule } from './suppression/suppression-rule';
import { rowsInScope, schoolYearMonths } from './tables/export-table';
import { publishedRow, type PublishedRow, type RegistryNames } from './tables/published-rows';
import { hasDenominator } from './tables/state-figures';
import { stateTable, type RegistrySchool } from './tables/state-table';

/** What an export answers with: the rows a reader may see, and how they were produced. */
export interface ExportRows {
  exportId: string;
  schoolYear: string;
  rule: SuppressionRule;
  districtId: string | null;
  rows: PublishedRow[];
}

/**
 * Produces a state export: the whole state's table for the school year from the one fidelity fold,
 * suppressed at once, then the reader's rows cut from it; records the export as an audited event
 * (`StateExportProduced.v1` in `export-<exportId>`) before the rows leave, so no export goes
 * unrecorded (if the record cannot be written, nothing is served).
 */
@Injectable()
export class StateExports {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SUPPRESSION_RULE) private readonly rule: SuppressionRule,
    private readonly registry: RegistryReader,
    private readonly facts: StateExportFacts,
  ) {}

  async produce(
    name: StateExportName,
    figures: ReadonlySet<string>,
    query: StateExportQuery,
    principal: Principal,
    context: CommandContext,
  ): Promise<ExportRows> {
    const districts = (await this.registry.allDistricts()).flatMap((d) =>
      d.status === 'registered' ? [d] : [],
    );
    const scope = exportScopeOf(principal, query.districtId, new Set(districts.map((d) => d.districtId)));
    const schoolYear = query.schoolYear ?? schoolYearOf(today());
    const months = schoolYearMonths(schoolYear);
    const schools: RegistrySchool[] = districts.flatMap((d) =>
      d.schools.map((s) => ({
        regionId: d.regionId,
        districtId: d.districtId,
        districtName: d.name,
        schoolId: s.schoolId,
        schoolName: s.name,
      })),
    );
    const cells = cellsOf(await this.facts.facts(), { from: `${months[0]}-01`, to: `${months[11]}-30` });
    const table = rowsInScope(stateTable(schoolYear, schools, cells, this.rule), scope);
    const names = registryNames(schools);
    const rows = table
      .filter((row) => figures.has(row.figure))
      .map((row) => publishedRow(row, names, hasDenominator(row.figure)));
    // Every download is an export of its own: a new id, recorded once. Idempotency-Key and If-Match
    // are for commands a client retries; a repeated download is another export to audit.
    const exportId = randomUUID();
    const { idempotency: _key, expectedRevision: _revision, ...base } = context;
    const recording: CommandContext = { ...base, commandId: exportId, causationId: exportId };
    const data: StateExportProducedData = {
      exportId,
      export: name,
      producedAt: context.receivedAt.toISOString(),
      actorId: principal.sub,
      actorRole: principal.role,
      filters: { schoolYear, districtId: query.districtId ?? null },
      scope:
        scope === null
          ? null
          : { districtId: scope.districtId, schoolIds: scope.schoolIds ? [...scope.schoolIds] : null },
      rule: { ...this.rule },
      rowCount: rows.length,
      suppressedRows: rows.filter((row) => row.suppressed).length,
    };
    await handleCommand({
      store: this.store,
      streamId: stateExportStreamId(exportId),
      decider: stateExportDecider,
      context: recording,
      command: { type: 'RecordStateExport', data },
      scopeOf: () => ({ districtId: scope?.districtId ?? null, schoolId: null }),
    });
    return { exportId, schoolYear, rule: this.rule, districtId: scope?.districtId ?? null, rows };
  }
}

function registryNames(schools: readonly RegistrySchool[]): RegistryNames {
  const districts = new Map(schools.map((s) => [s.districtId, s.districtName]));
  const byKey = new Map(schools.map((s) => [`${s.districtId}\u0000${s.schoolId}`, s.schoolName]));
  return {
    district: (districtId) => districts.get(districtId) ?? null,
    school: (districtId, schoolId) => byKey.get(`${districtId}\u0000${schoolId}`) ?? null,
  };
}
