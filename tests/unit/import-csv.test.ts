import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '@/lib/import/csv';

describe('parseCsv', () => {
  it('splits plain rows', () => {
    expect(parseCsv('a,b,c\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('handles quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('name,amount,note\n"阳泉, 市","1,234.56","他说""好""\n第二行"\n')).toEqual([
      ['name', 'amount', 'note'],
      ['阳泉, 市', '1,234.56', '他说"好"\n第二行'],
    ]);
  });

  it('accepts CRLF, LF and CR line ends, also mixed', () => {
    expect(parseCsv('a,b\r\n1,2\r\n3,4\r\n')).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect(parseCsv('a,b\r1,2\r')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b\n1,2\r\n3,4\r5,6')).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6']]);
    expect(parseCsv('"x\r\ny",z\r\n')).toEqual([['x\r\ny', 'z']]);
  });

  it('drops fully empty trailing rows but keeps empty rows in the middle (row numbers stay aligned)', () => {
    expect(parseCsv('a,b\n\n1,2\n\n,\n\r\n')).toEqual([['a', 'b'], [''], ['1', '2']]);
    expect(parseCsv('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps empty fields and whitespace as written', () => {
    expect(parseCsv('a,,c\n, x ,""\n')).toEqual([['a', '', 'c'], ['', ' x ', '']]);
  });

  it('treats a quote inside an unquoted field literally', () => {
    expect(parseCsv('5"x,b\n')).toEqual([['5"x', 'b']]);
  });

  it('returns no rows for empty input', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\n\r\n')).toEqual([]);
  });

  it('strips a leading BOM', () => {
    expect(parseCsv('\uFEFFa,b\n')).toEqual([['a', 'b']]);
  });

  it('uses tab or semicolon only when the header line has no comma', () => {
    expect(detectDelimiter('a\tb\n1,5\t2')).toBe('\t');
    expect(detectDelimiter('a;b\n1;2')).toBe(';');
    expect(detectDelimiter('a,b;c\n')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
    expect(parseCsv('金额;日期\n"1;2";2025-01-01\n')).toEqual([['金额', '日期'], ['1;2', '2025-01-01']]);
    expect(parseCsv('a\tb\n1,234.00\t2\n')).toEqual([['a', 'b'], ['1,234.00', '2']]);
  });
});
