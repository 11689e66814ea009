import { METRIC_DEFINITIONS } from './definitions';

const cell = (text: string) => text.replaceAll('|', '\\|');

/** The definitions as the README's table: the README shows exactly what the API returns. */
export function definitionsMarkdown(): string {
  const rows = Object.entries(METRIC_DEFINITIONS).map(
    ([name, d]) =>
      `| \`${name}\` | ${cell(d.label)} | ${cell(d.numerator)} | ${cell(d.denominator)} | ${cell(d.value)} | ${d.events.map((e) => `\`${e}\``).join(', ')} |`,
  );
  return [
    '| metric | label | numerator | denominator | value | events |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
