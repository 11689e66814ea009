/** A published total and the published parts it is the sum of. */
export interface Relation {
  total: string;
  parts: readonly string[];
}

/**
 * Complementary suppression to a fixed point. Each relation `total = part₁ + … + partₙ` is published
 * whole (every member is a published cell), so a reader can solve it for any single hidden member.
 * Starting from the primary suppressions, a relation needs one more suppressed member when
 *  - exactly one of its members (total or part) is suppressed: that one would follow by subtraction;
 *  - its total is published and its suppressed parts add up to zero: being counts (never negative),
 *    every one of them would be known to be zero. Parts that hold nobody (no visit, no family: see
 *    `empty`) are exempt: that a month without visits had no in-person visit tells nothing about
 *    anyone, while "none of these 25 families" does.
 * The member added is the smallest unsuppressed part (ties: the lower id), or the total when every
 * part is suppressed. Adding a cell can unbalance the other relations it belongs to, so those are
 * checked again, until no relation changes (at most one pass per cell: the set only grows).
 *
 * Guarantee (tested by solving the published linear system): no suppressed cell is determined by
 * the published cells and relations. Pure: the same input always gives the same suppressed set.
 */
export function complementarySuppression(
  values: ReadonlyMap<string, number>,
  primary: Iterable<string>,
  relations: readonly Relation[],
  /** Cells about nobody (their population is zero): a zero there discloses nothing. */
  empty: ReadonlySet<string> = new Set(),
): Set<string> {
  const suppressed = new Set(primary);
  const relationsOf = new Map<string, number[]>();
  relations.forEach((relation, index) => {
    for (const member of [relation.total, ...relation.parts]) {
      const list = relationsOf.get(member) ?? [];
      list.push(index);
      relationsOf.set(member, list);
    }
  });
  const pending = relations.map((_, index) => index);
  const queued = new Set(pending);
  while (pending.length > 0) {
    const index = pending.pop()!;
    queued.delete(index);
    const added = nextSuppression(relations[index]!, values, suppressed, empty);
    if (added === null) continue;
    suppressed.add(added);
    for (const other of relationsOf.get(added) ?? []) {
      if (!queued.has(other)) {
        queued.add(other);
        pending.push(other);
      }
    }
    // The same relation may still need more (a zero-valued addition leaves the hidden sum at zero).
    if (!queued.has(index)) {
      queued.add(index);
      pending.push(index);
    }
  }
  return suppressed;
}

/** The member a relation still needs suppressed, or null when it hides what it must. */
function nextSuppression(
  relation: Relation,
  values: ReadonlyMap<string, number>,
  suppressed: ReadonlySet<string>,
  empty: ReadonlySet<string>,
): string | null {
  const members = [relation.total, ...relation.parts];
  const hidden = members.filter((member) => suppressed.has(member));
  if (hidden.length === 0) return null;
  const hiddenParts = relation.parts.filter((part) => suppressed.has(part));
  const zeroAboutSomeone =
    !suppressed.has(relation.total) &&
    hiddenParts.reduce((sum, part) => sum + valueOf(values, part), 0) === 0 &&
    hiddenParts.some((part) => !empty.has(part));
  const derivable = hidden.length === 1 || zeroAboutSomeone;
  if (!derivable) return null;
  const candidates = relation.parts
    .filter((part) => !suppressed.has(part))
    .sort((a, b) => valueOf(values, a) - valueOf(values, b) || (a < b ? -1 : a > b ? 1 : 0));
  if (candidates.length > 0) return candidates[0]!;
  return suppressed.has(relation.total) ? null : relation.total;
}

function valueOf(values: ReadonlyMap<string, number>, cell: string): number {
  const value = values.get(cell);
  if (value === undefined) throw new Error(`No value for cell ${cell}`);
  return value;
}
