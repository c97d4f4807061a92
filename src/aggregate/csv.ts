// Minimal CSV writing (RFC 4180 quoting) and fixed-width text tables, shared by
// the scores and status shapers.

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One CSV field: RFC 4180 quoting; booleans as TRUE/FALSE (what R's read.csv
 * reads as logical, and pandas as bool); null and undefined as an empty field
 * (NA in R, NaN in pandas).
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? formatNumber(value) : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : value;
  return quoteCsv(text);
}

/** Quote a text field when it holds a comma, a quote or a line break. */
export function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Numbers in CSV: at most four decimals, no trailing zeros, integers as they are. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toFixed(4)));
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/** A plain text table: columns padded to their widest cell; numbers right-aligned. */
export function textTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, rightAlign: readonly boolean[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (rightAlign[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/** A share as a percentage with no decimals ("42"), or "-" for null. */
export function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : String(Math.round(value * 100));
}
