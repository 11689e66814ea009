import type { RebuildProgress as Progress } from '../../../libs/projections/src/rebuild';

/** A step's progress; `unit` names what is counted (`events` unless said). */
type RebuildProgress = Progress & { unit?: string };

const WIDTH = 24;

/** `case_summaries [#######-----]  58%  116,000/200,000 events  48,210 ev/s  ETA 1.7s` */
export function formatProgress(progress: RebuildProgress): string {
  const { projection, done, total, elapsedMs, unit = 'events' } = progress;
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  const perSecond = unit === 'events' ? 'ev/s' : `${unit}/s`;
  if (total === null) return `${projection}  ${n(done)} ${unit}  ${n(rate)} ${perSecond}`;
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * WIDTH);
  const eta = rate > 0 ? `${((total - done) / rate).toFixed(1)}s` : '?';
  return (
    `${projection} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%` +
    `  ${n(done)}/${n(total)} ${unit}  ${n(rate)} ${perSecond}  ETA ${eta}`
  );
}

/**
 * Draws progress on stderr: redrawn in place (at most 10 times a second) on a terminal, one line
 * every 2 s otherwise (logs, CI).
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  const tty = stream.isTTY === true;
  let last = 0;
  return {
    update(progress: RebuildProgress): void {
      const now = Date.now();
      if (now - last < (tty ? 100 : 2000)) return;
      last = now;
      stream.write(tty ? `\r${formatProgress(progress)}\x1b[K` : `${formatProgress(progress)}\n`);
    },
    done(progress: RebuildProgress): void {
      stream.write(tty ? `\r${formatProgress(progress)}\x1b[K\n` : `${formatProgress(progress)}\n`);
    },
  };
}
