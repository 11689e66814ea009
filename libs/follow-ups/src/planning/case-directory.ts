import { Injectable } from '@nestjs/common';

/**
 * Every case the scheduler has seen and its district, filled from the `$all` subscription. The
 * reconciler walks it; a rules change re-plans the cases of its district. In memory only: the
 * subscription starts from the beginning of `$all` on every boot and rebuilds it.
 */
@Injectable()
export class CaseDirectory {
  private readonly districtOf = new Map<string, string>();

  add(caseId: string, districtId: string): void {
    this.districtOf.set(caseId, districtId);
  }

  all(): string[] {
    return [...this.districtOf.keys()];
  }

  inDistrict(districtId: string): string[] {
    return [...this.districtOf].filter(([, district]) => district === districtId).map(([caseId]) => caseId);
  }

  get size(): number {
    return this.districtOf.size;
  }
}
