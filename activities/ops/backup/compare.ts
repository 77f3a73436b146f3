import { readFileSync } from 'node:fs';
import type { Completeness, TableComparison } from '../../../domain/recovery-drill-report';
import type { Fingerprint } from './fingerprint';

const MAX_LISTED_IDS = 20;

function lines(file: string): Array<[string, string]> {
  const text = readFileSync(file, 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      return [line.slice(0, tab), line.slice(tab + 1)];
    });
}

/** Row-by-row merge of two key-sorted files (only read when the digests differ). */
function compareTable(table: string, expectedFile: string, restoredFile: string | undefined): TableComparison {
  const expected = lines(expectedFile);
  const restored = restoredFile ? lines(restoredFile) : [];
  const differingIds: string[] = [];
  let matchingRows = 0;
  let extraRows = 0;
  let i = 0;
  let j = 0;
  const differ = (id: string) => {
    if (differingIds.length < MAX_LISTED_IDS) differingIds.push(id);
  };
  while (i < expected.length) {
    const [key, hash] = expected[i] as [string, string];
    const other = restored[j];
    if (other && other[0] < key) {
      extraRows += 1;
      j += 1;
    } else if (other && other[0] === key) {
      if (other[1] === hash) matchingRows += 1;
      else differ(key);
      i += 1;
      j += 1;
    } else {
      differ(key);
      i += 1;
    }
  }
  extraRows += restored.length - j;
  return { table, expectedRows: expected.length, restoredRows: restored.length, matchingRows, differingIds, extraRows };
}

/**
 * Completeness (T/QGCML 3125 §8.2.3) = rows that match / rows expected, per table and in
 * total, naming the tables and ids that differ. Equal digests skip the row-by-row pass.
 */
export function compareFingerprints(expected: Fingerprint, restored: Fingerprint): Completeness {
  const restoredByTable = new Map(restored.tables.map((table) => [table.table, table]));
  const tables = expected.tables.map((table): TableComparison => {
    const other = restoredByTable.get(table.table);
    if (other && other.digest === table.digest)
      return {
        table: table.table,
        expectedRows: table.rows,
        restoredRows: other.rows,
        matchingRows: table.rows,
        differingIds: [],
        extraRows: 0,
      };
    return compareTable(table.table, table.file, other?.file);
  });
  const expectedRows = tables.reduce((sum, table) => sum + table.expectedRows, 0);
  const matchingRows = tables.reduce((sum, table) => sum + table.matchingRows, 0);
  return { expectedRows, matchingRows, ratio: expectedRows === 0 ? 1 : matchingRows / expectedRows, tables };
}
