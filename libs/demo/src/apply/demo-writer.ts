import type { Principal } from '@leap/auth';
import { deterministicUuid, type CommandContext } from '@leap/commands';
import type { ImportKind } from '@leap/domain';
import type { DemoWorld } from '../simulation/simulate';
import { applyImport } from './apply-import';
import type { SYSTEM_ACTOR } from './case-actions';
import { districtPrincipal, stateAdmin, type DemoServices } from './demo-services';

export interface DemoProgress {
  phase: 'registry' | 'timeline';
  done: number;
  total: number;
  unit: string;
}

export interface DemoSummary {
  districts: number;
  schools: number;
  students: number;
  visitors: number;
  partners: number;
  cases: number;
  served: number;
  attendanceRows: number;
  followUpsRaised: number;
}

/**
 * What every part of a demo build writes with: the world, the services, command contexts whose
 * ids derive from the seed and the step (with an idempotency key, so the same build into the same
 * store appends nothing the second time), and the summary it fills in.
 */
export class DemoWriter {
  readonly summary: DemoSummary;
  private readonly seed: string;

  constructor(
    readonly world: DemoWorld,
    readonly services: DemoServices,
    readonly onProgress: (progress: DemoProgress) => void,
  ) {
    this.seed = String(world.parameters.seed);
    this.summary = {
      districts: world.districts.length,
      schools: 0,
      students: world.students.length,
      visitors: 0,
      partners: 0,
      cases: world.cases.length,
      served: world.cases.filter((c) => c.plan.firstVisit !== null).length,
      attendanceRows: 0,
      followUpsRaised: 0,
    };
  }

  /** The context of one command: recorded now, identified by the seed and `parts`. */
  readonly context = (actor: Principal | typeof SYSTEM_ACTOR, ...parts: string[]): CommandContext => {
    const commandId = deterministicUuid('leap-demo', this.seed, ...parts);
    return {
      actor: 'sub' in actor ? { id: actor.sub, role: actor.role } : { ...actor },
      commandId,
      correlationId: commandId,
      causationId: commandId,
      receivedAt: new Date(),
      idempotency: { key: `demo-${commandId}`, requestHash: commandId },
    };
  };

  coordinatorOf(districtId: string): Principal {
    const district = this.world.districts.find((d) => d.districtId === districtId)!;
    return districtPrincipal(district.coordinator, 'coordinator', districtId);
  }

  /** Imports one file as the district's coordinator (the state's administrator for profiles); its rows. */
  importFile(kind: ImportKind, districtId: string | null, csv: string, today: string, ...parts: string[]) {
    const actor = districtId === null ? stateAdmin() : this.coordinatorOf(districtId);
    const context = this.context(actor, 'import', kind, ...parts);
    return applyImport(this.services, { importId: context.commandId, kind, districtId, csv, context, today });
  }
}
