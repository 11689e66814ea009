import { DEFAULT_STREAM_STATE_CACHE, streamStateCacheOptionsOf } from './stream-state-cache';

describe('when the command cache is configured from the environment', () => {
  it('takes the defaults when nothing is set', () => {
    expect(streamStateCacheOptionsOf({})).toEqual(DEFAULT_STREAM_STATE_CACHE);
  });

  it('takes a count of streams and a size in megabytes', () => {
    expect(
      streamStateCacheOptionsOf({ LEAP_COMMAND_CACHE_STREAMS: '0', LEAP_COMMAND_CACHE_MB: '16' }),
    ).toEqual({
      maxStreams: 0,
      maxBytes: 16 * 2 ** 20,
    });
  });

  it.each(['-1', '1.5', 'lots'])('refuses %s, naming the variable', (value) => {
    expect(() => streamStateCacheOptionsOf({ LEAP_COMMAND_CACHE_STREAMS: value })).toThrow(
      'LEAP_COMMAND_CACHE_STREAMS must be a whole number ≥ 0',
    );
  });
});
