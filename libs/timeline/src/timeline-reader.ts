import { deidentified } from '@leap/cases';
import type { Pseudonymize } from '@leap/domain';
import type { EventStore, Position, RecordedEvent } from '@leap/event-store';
import { inDistrict, inLineCut, inStoredCut, type TimelineCut } from './timeline-cut';
import {
  identityNamedBy,
  toTimelineLine,
  TIMELINE_STREAM_PREFIXES,
  type CaseIdentity,
  type TimelineLine,
} from './timeline-line';
import { planWindows } from './timeline-windows';

export interface TimelineSource {
  store: EventStore;
  pseudonymize: Pseudonymize;
  /** The district's calendar date of an instant, for events with recorded time only. */
  localDateOf: (instant: string) => string;
  /** The most lines held in memory at once. */
  budget?: number;
  /** Events per read from the store. */
  pageSize?: number;
}

export const DEFAULT_TIMELINE_BUDGET = 50_000;
const DEFAULT_PAGE_SIZE = 1_000;

/** Where a business date's events lie in the store: how many, and the positions around them. */
interface DateSpan {
  count: number;
  /** The position read just before its first event (exclusive start of a re-read); undefined: the start. */
  after: Position | undefined;
  last: Position;
}

/**
 * The timeline's lines (NDJSON, one event each), in business-date order and, within a date, in the
 * order the store recorded them. Memory is bounded by the budget, not by the district's history:
 *
 * 1. One pass over the case and visitor streams in store order indexes the cut's events by business
 *    date (a count and two positions per date) and the district's cases by their pseudonyms (two
 *    short strings per case). Its lines are kept as long as there are at most `budget` of them; then
 *    the timeline is complete after this pass and is written from memory.
 * 2. Otherwise consecutive dates are grouped into windows of at most `budget` events
 *    (`planWindows`), and each window re-reads only the store range between its dates' first and
 *    last positions, holding that window's lines. Reads stop at the positions the first pass saw, so
 *    events appended meanwhile never show, and every pass shows the same events.
 *
 * When business dates roughly follow recording (the usual case) the windows' ranges barely overlap and
 * the store is read about twice; entries made long after their date widen their window's range.
 */
export async function* timelineLines(source: TimelineSource, cut: TimelineCut): AsyncGenerator<string> {
  const { store, pseudonymize, localDateOf } = source;
  const budget = source.budget ?? DEFAULT_TIMELINE_BUDGET;
  const pageSize = source.pageSize ?? DEFAULT_PAGE_SIZE;
  const identities = new Map<string, CaseIdentity>();

  const lineOf = (event: RecordedEvent): TimelineLine | null => {
    if (!inDistrict(cut, event)) return null;
    const inCut = inStoredCut(cut, event);
    // Every case of the district names its student, whatever the other filters: a case
    // transferred into the school asked for still does.
    if (!inCut && !event.type.startsWith('StudentIdentified.')) return null;
    const shown = deidentified(event, pseudonymize);
    const named = identityNamedBy(shown);
    if (named) identities.set(event.streamId.slice('case-'.length), named);
    if (!inCut) return null;
    const line = toTimelineLine(shown, (id) => identities.get(id), localDateOf);
    return line !== null && inLineCut(cut, line) ? line : null;
  };

  const spans = new Map<string, DateSpan>();
  let held: Map<string, string[]> | null = new Map();
  let total = 0;
  let previous: Position | undefined;
  for await (const event of readRange(store, pageSize)) {
    const line = lineOf(event);
    if (line !== null) {
      const span = spans.get(line.businessDate) ?? { count: 0, after: previous, last: event.position };
      span.count += 1;
      span.last = event.position;
      spans.set(line.businessDate, span);
      total += 1;
      if (held !== null && total > budget) held = null;
      if (held !== null) append(held, line.businessDate, serialize(line));
    }
    previous = event.position;
  }
  if (held !== null) {
    yield* inDateOrder(held);
    return;
  }

  const counts = new Map([...spans].map(([date, span]) => [date, span.count]));
  for (const window of planWindows(counts, budget)) {
    const windowSpans = window.dates.map((date) => spans.get(date)!);
    const after = windowSpans.some((span) => span.after === undefined)
      ? undefined
      : windowSpans.map((span) => span.after!).reduce((a, b) => (store.comparePositions(a, b) <= 0 ? a : b));
    const until = windowSpans
      .map((span) => span.last)
      .reduce((a, b) => (store.comparePositions(a, b) >= 0 ? a : b));
    const dates = new Set(window.dates);
    const lines = new Map<string, string[]>();
    const direct = window.dates.length === 1; // one date: store order is the order, nothing to hold
    for await (const event of readRange(store, pageSize, after, until)) {
      const line = lineOf(event);
      if (line === null || !dates.has(line.businessDate)) continue;
      if (direct) yield serialize(line);
      else append(lines, line.businessDate, serialize(line));
    }
    if (!direct) yield* inDateOrder(lines);
  }
}

const serialize = (line: TimelineLine) => `${JSON.stringify(line)}\n`;

function append(lines: Map<string, string[]>, date: string, line: string): void {
  const dated = lines.get(date);
  if (dated) dated.push(line);
  else lines.set(date, [line]);
}

function* inDateOrder(lines: Map<string, string[]>): Generator<string> {
  for (const date of [...lines.keys()].sort()) yield* lines.get(date)!;
}

/** The case and visitor streams' events in store order, after `after` (exclusive) up to `until` (inclusive). */
async function* readRange(
  store: EventStore,
  pageSize: number,
  after?: Position,
  until?: Position,
): AsyncGenerator<RecordedEvent> {
  for (;;) {
    const page = await store.readAll({
      after,
      maxCount: pageSize,
      filter: { streamPrefixes: TIMELINE_STREAM_PREFIXES },
    });
    for (const event of page) {
      if (until !== undefined && store.comparePositions(event.position, until) > 0) return;
      yield event;
    }
    if (page.length < pageSize) return;
    after = page.at(-1)!.position;
  }
}
