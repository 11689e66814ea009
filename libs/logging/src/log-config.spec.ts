import { loadLogConfig } from './log-config';

describe('when the log format is configured', () => {
  const terminal = { isTTY: true };
  const pipe = { isTTY: false };

  it('writes text by default, coloured only on a terminal', () => {
    expect(loadLogConfig({}, terminal)).toEqual({ format: 'text', colors: true });
    expect(loadLogConfig({}, pipe)).toEqual({ format: 'text', colors: false });
    expect(loadLogConfig({}, {})).toEqual({ format: 'text', colors: false });
  });

  it('never colours under NO_COLOR nor in JSON', () => {
    expect(loadLogConfig({ NO_COLOR: '1' }, terminal).colors).toBe(false);
    expect(loadLogConfig({ LEAP_LOG_FORMAT: 'json' }, terminal)).toEqual({ format: 'json', colors: false });
    expect(loadLogConfig({ LEAP_LOG_FORMAT: ' JSON ' }, pipe).format).toBe('json');
  });

  it('refuses an unknown format, naming the ones it knows', () => {
    expect(() => loadLogConfig({ LEAP_LOG_FORMAT: 'yaml' }, pipe)).toThrow(
      'LEAP_LOG_FORMAT=yaml is not a log format: use text, json',
    );
  });
});
