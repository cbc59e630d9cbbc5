import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeSpreadsheetText } from '@/lib/import/decode';

const CSV = '专项资金编码,拨出单位,接收单位,金额（元）,日期,文号,类型,备注\r\nYQ-2025-01,SX-CZT,YQ-CZJ,"1,234,567.89",2025/3/15,晋财资环〔2025〕12号,下达,第一批生态修复资金\r\n';
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeSpreadsheetText', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeSpreadsheetText(utf8(CSV))).toEqual({ ok: true, text: CSV, encoding: 'utf-8' });
  });

  it('reads UTF-8 with a BOM and strips it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(CSV)]);
    expect(decodeSpreadsheetText(bytes)).toEqual({ ok: true, text: CSV, encoding: 'utf-8-bom' });
  });

  it('reads plain ASCII as UTF-8', () => {
    expect(decodeSpreadsheetText(utf8('a,b\n1,2\n'))).toEqual({ ok: true, text: 'a,b\n1,2\n', encoding: 'utf-8' });
  });

  it('reads GB18030 as written by Chinese Excel', () => {
    const bytes = new Uint8Array(iconv.encode(CSV, 'gb18030'));
    // Sanity: these bytes are not valid UTF-8, so the fallback is what is being tested.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decodeSpreadsheetText(bytes)).toEqual({ ok: true, text: CSV, encoding: 'gb18030' });
  });

  it('reads GB18030 with a few rare name characters among common ones', () => {
    const text = '收款单位,金额\n王堃工程有限公司,100\n';
    expect(decodeSpreadsheetText(new Uint8Array(iconv.encode(text, 'gbk')))).toEqual({ ok: true, text, encoding: 'gb18030' });
  });

  it('refuses UTF-16 with and without BOM', () => {
    for (const enc of ['utf16le', 'utf16be'] as const) {
      const body = new Uint8Array(iconv.encode(CSV, enc));
      expect(decodeSpreadsheetText(body)).toEqual({ ok: false, error: 'encoding' });
      const bom = enc === 'utf16le' ? [0xff, 0xfe] : [0xfe, 0xff];
      expect(decodeSpreadsheetText(new Uint8Array([...bom, ...body]))).toEqual({ ok: false, error: 'encoding' });
    }
  });

  it('refuses random binary', () => {
    // Deterministic pseudo-random bytes (LCG) so the test is repeatable.
    let seed = 12345;
    for (let trial = 0; trial < 50; trial++) {
      const bytes = new Uint8Array(512);
      for (let i = 0; i < bytes.length; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        bytes[i] = seed >> 16;
      }
      expect(decodeSpreadsheetText(bytes)).toEqual({ ok: false, error: 'encoding' });
      // Without NUL or control bytes: printable ASCII and high bytes only.
      const printable = bytes.map((b) => (b < 0x20 ? b + 0x20 : b === 0x7f ? 0x7e : b));
      expect(decodeSpreadsheetText(printable)).toEqual({ ok: false, error: 'encoding' });
    }
  });

  it('refuses NUL and control characters even in otherwise valid UTF-8', () => {
    expect(decodeSpreadsheetText(utf8('a,b\u0000\n'))).toEqual({ ok: false, error: 'encoding' });
    expect(decodeSpreadsheetText(utf8('a,b\u0007\n'))).toEqual({ ok: false, error: 'encoding' });
    expect(decodeSpreadsheetText(utf8('a,\uFFFD\n'))).toEqual({ ok: false, error: 'encoding' });
  });

  it('refuses Big5 and Shift-JIS text that happens to decode as GB18030', () => {
    const big5 = new Uint8Array(iconv.encode('專項資金編碼,撥出單位,接收單位,金額\nYQ-01,陽泉市財政局,盂縣財政局,100\n', 'big5'));
    expect(() => new TextDecoder('gb18030', { fatal: true }).decode(big5)).not.toThrow();
    expect(decodeSpreadsheetText(big5)).toEqual({ ok: false, error: 'encoding' });

    const sjis = new Uint8Array(iconv.encode('プロジェクト名,担当者,金額,日付\n東京都庁,山田太郎,1234,2025/3/15\n', 'shift_jis'));
    expect(() => new TextDecoder('gb18030', { fatal: true }).decode(sjis)).not.toThrow();
    expect(decodeSpreadsheetText(sjis)).toEqual({ ok: false, error: 'encoding' });
  });
});
