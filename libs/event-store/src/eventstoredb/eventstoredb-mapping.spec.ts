import {
  EVENT_TYPE,
  STREAM_NAME,
  StreamDeletedError as ClientStreamDeletedError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { StreamDeletedError, WrongExpectedRevisionError } from '../errors';
import { toStoreError } from './client-errors';
import { compareClientPositions, decodePosition, encodePosition } from './positions';
import { isSystemEvent, toRecordedEvent } from './recorded-events';
import { serverFilterFor } from './server-filter';

// The adapter's pure mappings; the adapter as a whole runs the contract against a server.
describe('EventStoreDB adapter mappings', () => {
  describe('when encoding positions', () => {
    it('round-trips commit and prepare and orders numerically, not lexically', () => {
      const position = { commit: 12_345n, prepare: 12_300n };
      expect(decodePosition(encodePosition(position))).toEqual(position);
      expect(compareClientPositions(decodePosition('C9/P9'), decodePosition('C10/P1'))).toBe(-1);
      expect(compareClientPositions(decodePosition('C10/P2'), decodePosition('C10/P1'))).toBe(1);
      expect(() => decodePosition('42')).toThrow(RangeError);
    });
  });

  describe('when the client throws', () => {
    it('maps a wrong expected version, a missing stream reading as null', () => {
      const noStream = new WrongExpectedVersionError(undefined, {
        streamName: 'case-1',
        expected: BigInt(3),
        current: 'no_stream',
      });
      expect(toStoreError(noStream, 'case-1', '3')).toEqual(
        new WrongExpectedRevisionError('case-1', '3', null),
      );
      const behind = new WrongExpectedVersionError(undefined, {
        streamName: 'case-1',
        expected: 'no_stream',
        current: BigInt(4),
      });
      expect(toStoreError(behind, 'case-1', 'no_stream')).toMatchObject({
        name: 'WrongExpectedRevisionError',
        actual: 4n,
      });
    });

    it('maps a deleted stream and passes other errors through', () => {
      expect(toStoreError(ClientStreamDeletedError.fromStreamName('case-2'), 'case-2')).toBeInstanceOf(
        StreamDeletedError,
      );
      const unavailable = new Error('14 UNAVAILABLE');
      expect(toStoreError(unavailable, 'case-2')).toBe(unavailable);
    });
  });

  describe('when choosing the server-side filter', () => {
    it('filters on stream prefixes first, else event types, else excludes system events', () => {
      expect(serverFilterFor({ streamPrefixes: ['case-'], eventTypes: ['X.v1'] })).toMatchObject({
        filterOn: STREAM_NAME,
        prefixes: ['case-'],
      });
      expect(serverFilterFor({ eventTypes: ['X.v1'] })).toMatchObject({
        filterOn: EVENT_TYPE,
        prefixes: ['X.v1'],
      });
      expect(serverFilterFor(undefined)).toMatchObject({ filterOn: EVENT_TYPE, regex: '^[^$].*' });
    });
  });

  describe('when mapping recorded events', () => {
    const created = new Date('2026-11-20T14:03:11.123Z');
    const base = {
      streamId: 'case-1',
      id: 'e-1',
      revision: 2n,
      type: 'CaseOpened.v1',
      created,
      position: { commit: 7n, prepare: 5n },
    };

    it('keeps JSON data and metadata, the revision, the position and the recording instant', () => {
      const event = toRecordedEvent({
        event: { ...base, isJson: true, data: { a: 1 }, metadata: { actorId: 'u' } },
      });
      expect(event).toEqual({
        id: 'e-1',
        streamId: 'case-1',
        revision: 2n,
        position: 'C7/P5',
        type: 'CaseOpened.v1',
        data: { a: 1 },
        metadata: { actorId: 'u' },
        recordedAt: '2026-11-20T14:03:11.123Z',
      });
    });

    it('decodes binary JSON payloads and treats missing metadata as empty', () => {
      const data = new TextEncoder().encode('{"b":2}');
      expect(toRecordedEvent({ event: { ...base, isJson: false, data, metadata: undefined } })).toMatchObject(
        { data: { b: 2 }, metadata: {} },
      );
    });

    it('recognises the server’s own events', () => {
      expect(isSystemEvent('$$case-1', '$metadata')).toBe(true);
      expect(isSystemEvent('$stats-127.0.0.1:2113', 'x')).toBe(true);
      expect(isSystemEvent('case-1', '$>')).toBe(true);
      expect(isSystemEvent('case-1', 'CaseOpened.v1')).toBe(false);
    });
  });
});
