import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // A leading =, +, - or @ would be a formula in a spreadsheet: prefix it (CSV injection).
  const safe = /^[=+\-@]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  return (
    [columns.join(','), ...rows.map((row) => columns.map((column) => field(row[column])).join(','))].join('\r\n') +
    '\r\n'
  );
}

/**
 * JSON by default; CSV when asked (`?format=csv` or `Accept: text/csv`), the rows flattened
 * to the given columns (T/QGCML 3125 §8.7: a data-analysis interface).
 */
export function wantsCsv(request: FastifyRequest, format?: string): boolean {
  return format === 'csv' || (format === undefined && /\btext\/csv\b/.test(request.headers.accept ?? ''));
}

export function sendCsv(
  reply: FastifyReply,
  name: string,
  columns: readonly string[],
  rows: Array<Record<string, unknown>>,
) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .send(toCsv(columns, rows));
}

/**
 * The 200 of a report route as the OpenAPI document must say it: JSON, or CSV when asked,
 * so a client (and the fuzzer's content-type check) knows both bodies it may get.
 */
export function jsonOrCsvResponse<T extends z.ZodType>(schema: T, description: string) {
  return {
    description,
    content: { 'application/json': { schema }, 'text/csv': { schema: z.string() } },
  };
}
