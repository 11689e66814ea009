import { createLogger } from './create-logger';
import { PinoNestLogger } from './nest-logger';

function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) } };
}

function loggerWriting(format: 'json' | 'text', colors = false) {
  const out = capture();
  const err = capture();
  const logger = createLogger({ format, colors }, { out: out.stream, err: err.stream });
  return { logger, nest: new PinoNestLogger(logger), out: out.lines, err: err.lines };
}

describe('when the process logs in JSON', () => {
  it('writes one object per line with level, time, context and message; errors on the error output', () => {
    const { nest, out, err } = loggerWriting('json');
    nest.log('Nest application successfully started', 'NestApplication');
    nest.warn('Redis unreachable', 'FollowUps');
    nest.error('Boom', 'Error: Boom\n    at main (main.js:1:1)', 'LEAP Case');

    const entries = out.map((line) => JSON.parse(line));
    expect(entries).toEqual([
      expect.objectContaining({
        level: 'info',
        context: 'NestApplication',
        msg: 'Nest application successfully started',
      }),
      expect.objectContaining({ level: 'warn', context: 'FollowUps', msg: 'Redis unreachable' }),
    ]);
    expect(entries[0].time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(err.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: 'error',
        context: 'LEAP Case',
        msg: 'Boom',
        stack: expect.stringContaining('at main'),
      }),
    ]);
    expect([...out, ...err].every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(
      true,
    );
  });

  it('keeps an Error with its stack, and debug below the info level out', () => {
    const { nest, out, err } = loggerWriting('json');
    nest.error(new Error('store closed'), 'EventStore');
    nest.debug('noisy', 'Queue');
    expect(out).toEqual([]);
    expect(JSON.parse(err[0]!)).toMatchObject({
      context: 'EventStore',
      msg: 'store closed',
      err: { message: 'store closed', stack: expect.stringContaining('Error: store closed') },
    });
  });
});

describe('when the process logs text', () => {
  it('writes readable lines without ANSI escapes when colours are off', () => {
    const { nest, out } = loggerWriting('text');
    nest.log('following case_summaries', 'Projections');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z {2}INFO \[Projections\] following case_summaries\n$/);
    expect(out[0]).not.toContain('\x1b');
  });

  it('colours the level and context on a terminal', () => {
    const { nest, out } = loggerWriting('text', true);
    nest.warn('Redis unreachable', 'FollowUps');
    expect(out[0]).toContain('\x1b[33m WARN\x1b[0m \x1b[33m[FollowUps]\x1b[0m Redis unreachable');
  });
});
