import { toCsv } from '../../../api/reports/csv';

// The CSV of the analysis interface (T/QGCML 3125 §8.7) opens in a spreadsheet as it is.
describe('CSV export of the reports', () => {
  it('writes a header and one line per row, empty for null, quoting commas, quotes and line breaks (RFC 4180)', () => {
    const csv = toCsv(
      ['id', 'note', 'rate'],
      [
        { id: 'a', note: 'plain', rate: 0.5 },
        { id: 'b', note: 'says "hi", twice\nhere', rate: null },
      ],
    );
    expect(csv).toBe('id,note,rate\r\na,plain,0.5\r\nb,"says ""hi"", twice\nhere",\r\n');
  });

  it('defuses a cell a spreadsheet would run as a formula, but keeps negative numbers', () => {
    const csv = toCsv(['cell'], [{ cell: '=HYPERLINK("http://x")' }, { cell: -12 }, { cell: '@SUM(A1)' }]);
    expect(csv.split('\r\n').slice(1, 4)).toEqual(['"\'=HYPERLINK(""http://x"")"', '-12', "'@SUM(A1)"]);
  });
});
