import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { csvRows, CSV_PARSE_OPTIONS } from '/work/wt/attendance-import/libs/intake/src/reader/csv-rows';
import { DAILY_SHAPE, PERIOD_SHAPE } from '/work/wt/attendance-import/libs/intake/src/attendance/attendance-shapes';
async function main() {
  let c0 = process.cpuUsage(); let n = 0;
  for await (const _r of createReadStream(process.argv[2]!).pipe(parse({ ...CSV_PARSE_OPTIONS }))) n++;
  let c = process.cpuUsage(c0); console.log('raw', n, c.user / 1000, c.system / 1000);
  c0 = process.cpuUsage(); n = 0;
  const { rows } = csvRows(createReadStream(process.argv[2]!), [DAILY_SHAPE, PERIOD_SHAPE], () => {});
  for await (const _r of rows) n++;
  c = process.cpuUsage(c0); console.log('reader', n, c.user / 1000, c.system / 1000);
}
void main();
