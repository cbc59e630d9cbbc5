import { describe, expect, it } from 'vitest';
import {
  DOC_NUMBER_PATTERN,
  guessAmountUnit,
  guessMapping,
  isDocNumber,
  normaliseDocNumber,
  parseSheetDate,
  parseTransferKind,
  validateExpenditureRows,
  validateTransferRows,
  type Mapping,
  type RowLookups,
} from '@/lib/import/transfer-rows';

const lookups: RowLookups = {
  programmes: new Map([
    ['YQ-2025-01', { id: 11, fiscalYear: 2025 }],
    ['YQ-2024-07', { id: 12, fiscalYear: 2024 }],
  ]),
  holders: new Map([
    ['SX-CZT', 101],
    ['YQ-CZJ', 102],
    ['YX-CZJ', 103],
    ['P-0001', 201],
    ['PAYEE-01', 301],
  ]),
};

const HEADER = ['专项资金编码', '拨出单位', '接收单位', '金额（元）', '日期', '文号', '类型', '备注'];
const MAPPING: Mapping = { programmeCode: 0, fromCode: 1, toCode: 2, amount: 3, date: 4, docNumber: 5, kind: 6, note: 7 };
const good = (over: Partial<Record<string, string>> = {}): string[] => {
  const row: Record<string, string> = {
    programmeCode: 'YQ-2025-01',
    fromCode: 'SX-CZT',
    toCode: 'YQ-CZJ',
    amount: '1,234,567.89',
    date: '2025-03-15',
    docNumber: '晋财资环〔2025〕12号',
    kind: '下达',
    note: '',
    ...over,
  };
  return Object.keys(MAPPING).map((k) => row[k] ?? '');
};

describe('guessMapping', () => {
  it('maps Chinese transfer headers, with units in brackets and extra columns', () => {
    expect(guessMapping(['序号', '专项资金编码', '付款单位', '收款方', '拨付金额（元）', '拨付日期', '文号', '类型', '备注'], 'transfers')).toEqual({
      programmeCode: 1,
      fromCode: 2,
      toCode: 3,
      amount: 4,
      date: 5,
      docNumber: 6,
      kind: 7,
      note: 8,
    });
  });

  it('maps English headers case- and space-insensitively and leaves missing fields null', () => {
    expect(guessMapping(['Programme Code', 'From', 'To', 'Amount (yuan)', 'Date', 'Document No.', 'Kind'], 'transfers')).toEqual({
      programmeCode: 0,
      fromCode: 1,
      toCode: 2,
      amount: 3,
      date: 4,
      docNumber: 5,
      kind: 6,
      note: null,
    });
  });

  it('maps expenditure headers', () => {
    expect(guessMapping(['资金编码', '收款单位', '金额', '支付日期', '凭证号', '用途'], 'expenditures')).toEqual({
      programmeCode: 0,
      payeeCode: 1,
      amount: 2,
      date: 3,
      voucherNo: 4,
      description: 5,
    });
    expect(guessMapping(['voucher', 'payee', 'description', 'amount', 'date', 'programme code'], 'expenditures')).toEqual({
      programmeCode: 5,
      payeeCode: 1,
      amount: 3,
      date: 4,
      voucherNo: 0,
      description: 2,
    });
  });

  it('falls back to a Chinese name contained in a longer header, one field per column', () => {
    expect(guessMapping(['本次下达金额（万元）', '资金到账日期', '专项资金编码', '专项资金编码'], 'transfers')).toMatchObject({
      programmeCode: 2,
      amount: 0,
      date: 1,
      fromCode: null,
    });
  });

  it('reads the 万元 unit from the amount header', () => {
    const header = ['专项资金编码', '金额（万元）'];
    const mapping = guessMapping(header, 'transfers');
    expect(mapping.amount).toBe(1);
    expect(guessAmountUnit(header, mapping)).toBe('wan');
    expect(guessAmountUnit(['金额（元）'], { amount: 0 })).toBe('yuan');
    expect(guessAmountUnit(['Amount (10k yuan)'], { amount: 0 })).toBe('wan');
    expect(guessAmountUnit(['x'], { amount: null })).toBe('yuan');
  });
});

describe('文号', () => {
  it('accepts the official pattern', () => {
    for (const s of ['晋财资环〔2024〕12号', '财资环〔2025〕3号', '阳财建〔2026〕105号', '盂财〔2025〕7号', '晋财资环〔2024〕9999号']) {
      expect(isDocNumber(s), s).toBe(true);
    }
  });

  it('refuses near misses', () => {
    for (const s of ['晋财资环2024第12号', '〔2024〕12号', '晋财资环〔24〕12号', '晋财资环〔2024〕012号', '晋财资环〔1999〕12号', '晋财资环〔2024〕10000号', '晋财资环〔2024〕12', 'JC〔2024〕12号', '晋财资环〔2024〕0号', '晋财资环财资环财资环财资环〔2024〕1号', '']) {
      expect(isDocNumber(s), s).toBe(false);
    }
    expect(isDocNumber('晋财资环财资环财资环财资〔2024〕1号')).toBe(true); // 12 characters is the limit
    expect(DOC_NUMBER_PATTERN.test('晋财资环[2024]12号')).toBe(false);
  });

  it('normalises other year brackets and stray spaces to 〔〕', () => {
    expect(normaliseDocNumber('晋财资环[2024]12号')).toBe('晋财资环〔2024〕12号');
    expect(normaliseDocNumber('晋财资环【2024】12号')).toBe('晋财资环〔2024〕12号');
    expect(normaliseDocNumber('晋财资环（2024）12号')).toBe('晋财资环〔2024〕12号');
    expect(normaliseDocNumber(' 晋财资环 (2024) 12号 ')).toBe('晋财资环〔2024〕12号');
    expect(isDocNumber('阳财建【2026】105号')).toBe(true);
  });
});

describe('dates and kinds', () => {
  it('parses the three date forms into YYYY-MM-DD', () => {
    expect(parseSheetDate('2025-03-15')).toEqual({ ok: true, date: '2025-03-15' });
    expect(parseSheetDate('2025/3/5')).toEqual({ ok: true, date: '2025-03-05' });
    expect(parseSheetDate('2025年3月5日')).toEqual({ ok: true, date: '2025-03-05' });
    expect(parseSheetDate('2024/2/29 0:00')).toEqual({ ok: true, date: '2024-02-29' });
  });

  it('refuses non-dates and impossible dates', () => {
    expect(parseSheetDate('2025-02-29')).toEqual({ ok: false, error: 'calendar' });
    expect(parseSheetDate('1900-02-29')).toEqual({ ok: false, error: 'calendar' });
    expect(parseSheetDate('2025-13-01')).toEqual({ ok: false, error: 'calendar' });
    expect(parseSheetDate('2025-04-31')).toEqual({ ok: false, error: 'calendar' });
    expect(parseSheetDate('15/03/2025')).toEqual({ ok: false, error: 'format' });
    expect(parseSheetDate('45678')).toEqual({ ok: false, error: 'format' });
    expect(parseSheetDate('')).toEqual({ ok: false, error: 'empty' });
  });

  it('maps kind names', () => {
    expect(parseTransferKind('下达')).toBe('allocation');
    expect(parseTransferKind(' 拨付 ')).toBe('payment');
    expect(parseTransferKind('支付')).toBe('disbursement');
    expect(parseTransferKind('Disbursement')).toBe('disbursement');
    expect(parseTransferKind('冲销')).toBeNull();
  });
});

describe('validateTransferRows', () => {
  it('returns good rows with exact fen, normalised dates and 文号, and null for an empty note', () => {
    const table = [
      HEADER,
      good(),
      good({ toCode: 'P-0001', amount: '0.01', date: '2025/12/31', docNumber: '阳财建【2025】105号', kind: 'payment', note: '  第一批 ' }),
      ['', ' ', '', '', '', '', '', ''],
      good({ programmeCode: 'YQ-2024-07', amount: '9,999,999,999,999.99', date: '2024年1月1日', kind: '支付', docNumber: '盂财〔2024〕7号' }),
    ];
    const result = validateTransferRows(table, MAPPING, lookups);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, programmeId: 11, fromHolderId: 101, toHolderId: 102, amountFen: 123_456_789n, transferDate: '2025-03-15', docNumber: '晋财资环〔2025〕12号', kind: 'allocation', note: null },
      { line: 3, programmeId: 11, fromHolderId: 101, toHolderId: 201, amountFen: 1n, transferDate: '2025-12-31', docNumber: '阳财建〔2025〕105号', kind: 'payment', note: '第一批' },
      { line: 5, programmeId: 12, fromHolderId: 101, toHolderId: 102, amountFen: 999_999_999_999_999n, transferDate: '2024-01-01', docNumber: '盂财〔2024〕7号', kind: 'disbursement', note: null },
    ]);
  });

  it('reports every bad cell with the row number and header text, and excludes bad rows', () => {
    const table = [
      HEADER,
      good({ amount: '-5' }), // 2
      good({ amount: '0' }), // 3
      good({ amount: '1.234' }), // 4
      good({ amount: '10000000000000.01' }), // 5
      good({ amount: '12元3' }), // 6
      good({ programmeCode: 'NOPE' }), // 7
      good({ fromCode: 'X1', toCode: 'X2' }), // 8
      good({ docNumber: '晋财资环2024第12号' }), // 9
      good({ date: '2025-02-30' }), // 10
      good({ date: '15.03.2025' }), // 11
      good({ date: '2024-12-31' }), // 12
      good({ kind: '冲销', amount: '4' }), // 13
      good({ programmeCode: '', amount: '', date: '', docNumber: '', kind: '' }), // 14
      good({ toCode: 'SX-CZT' }), // 15
      good({ amount: '2', note: '备'.repeat(501) }), // 16
      good({ amount: '3' }), // 17: the only good row
    ];
    const { rows, errors } = validateTransferRows(table, MAPPING, lookups);
    expect(rows.map((r) => r.line)).toEqual([17]);
    expect(errors).toEqual([
      { row: 2, column: '金额（元）', message: '金额必须为正数' },
      { row: 3, column: '金额（元）', message: '金额必须为正数' },
      { row: 4, column: '金额（元）', message: '金额最多两位小数（分）' },
      { row: 5, column: '金额（元）', message: '金额超出上限（100 亿元）' },
      { row: 6, column: '金额（元）', message: '金额格式不正确：12元3' },
      { row: 7, column: '专项资金编码', message: '未知的专项资金编码：NOPE' },
      { row: 8, column: '拨出单位', message: '未知的拨出单位编码：X1' },
      { row: 8, column: '接收单位', message: '未知的接收单位编码：X2' },
      { row: 9, column: '文号', message: '文号格式不正确，应如 晋财资环〔2024〕12号' },
      { row: 10, column: '日期', message: '日期不存在：2025-02-30' },
      { row: 11, column: '日期', message: '日期格式应为 YYYY-MM-DD' },
      { row: 12, column: '日期', message: '日期早于专项资金所属年度 2025' },
      { row: 13, column: '类型', message: '类型应为 下达、拨付 或 支付，而不是：冲销' },
      { row: 14, column: '专项资金编码', message: '专项资金编码不能为空' },
      { row: 14, column: '金额（元）', message: '金额不能为空' },
      { row: 14, column: '日期', message: '日期不能为空' },
      { row: 14, column: '文号', message: '文号不能为空' },
      { row: 14, column: '类型', message: '类型不能为空' },
      { row: 15, column: '接收单位', message: '拨出单位与接收单位不能相同' },
      { row: 16, column: '备注', message: '备注不能超过 500 个字' },
    ]);
  });

  it('reads amounts in 万元 from the header, or as told, exactly', () => {
    const header = [...HEADER];
    header[3] = '金额（万元）';
    const table = [header, good({ amount: '1.5' }), good({ amount: '0.000001', docNumber: '晋财资环〔2025〕13号' }), good({ amount: '0.0000001', docNumber: '晋财资环〔2025〕14号' })];
    const { rows, errors } = validateTransferRows(table, MAPPING, lookups);
    expect(rows.map((r) => [r.line, r.amountFen])).toEqual([
      [2, 1_500_000n],
      [3, 1n],
    ]);
    expect(errors).toEqual([{ row: 4, column: '金额（万元）', message: '金额（万元）最多六位小数（精确到分）' }]);

    // An explicit unit wins over the header.
    const asWan = validateTransferRows([HEADER, good({ amount: '12.5' })], MAPPING, lookups, { amountUnit: 'wan' });
    expect(asWan.rows[0]?.amountFen).toBe(12_500_000n);
    const asYuan = validateTransferRows([header, good({ amount: '12.5' })], MAPPING, lookups, { amountUnit: 'yuan' });
    expect(asYuan.rows[0]?.amountFen).toBe(1_250n);
  });

  it('accepts fullwidth digits and a currency sign in amounts', () => {
    const { rows, errors } = validateTransferRows([HEADER, good({ amount: '￥１，２００．５' })], MAPPING, lookups);
    expect(errors).toEqual([]);
    expect(rows[0]?.amountFen).toBe(120_050n);
  });

  it('reports a repeated transfer (same 文号, from, to, amount and date) against its first row', () => {
    const table = [
      HEADER,
      good(),
      good({ docNumber: '晋财资环〔2025〕13号' }),
      good({ amount: '1234567.89', date: '2025/3/15', docNumber: '晋财资环[2025]12号', note: '另一备注' }),
      good({ amount: '1234567.88' }),
    ];
    const { rows, errors } = validateTransferRows(table, MAPPING, lookups);
    expect(errors).toEqual([{ row: 4, column: '文号', message: '与第 2 行重复' }]);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 5]);
  });

  it('reports unmapped required columns on the header row and imports nothing', () => {
    const mapping: Mapping = { ...MAPPING, kind: null, amount: null, note: null };
    const { rows, errors } = validateTransferRows([HEADER, good()], mapping, lookups);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { row: 1, column: 'amount', message: '未指定「金额」对应的列' },
      { row: 1, column: 'kind', message: '未指定「类型」对应的列' },
    ]);
  });

  it('refuses one column for two fields', () => {
    const { rows, errors } = validateTransferRows([HEADER, good()], { ...MAPPING, toCode: 1 }, lookups);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { row: 1, column: 'toCode', message: '「接收单位」与「拨出单位」不能对应同一列' },
    ]);
  });

  it('treats short rows as having empty cells', () => {
    const { rows, errors } = validateTransferRows([HEADER, ['YQ-2025-01', 'SX-CZT', 'YQ-CZJ', '5', '2025-01-01', '晋财资环〔2025〕1号', '下达']], MAPPING, lookups);
    expect(errors).toEqual([]);
    expect(rows[0]?.note).toBeNull();
  });
});

describe('validateExpenditureRows', () => {
  const header = ['资金编码', '收款单位', '金额（元）', '支付日期', '凭证号', '摘要'];
  const mapping = guessMapping(header, 'expenditures');

  it('validates payees, amounts, dates, vouchers and descriptions', () => {
    const table = [
      header,
      ['YQ-2025-01', 'PAYEE-01', '45,000.00', '2025/6/1', '记-2025-0601', '土方工程进度款'],
      ['YQ-2025-01', 'NOBODY', '0', '2024-12-31', '', ''],
      ['YQ-2025-01', 'PAYEE-01', '45000', '2025-06-01', '记-2025-0601', '重复一行'],
      ['BAD', 'PAYEE-01', '1.001', '2025-06-31', 'V1', 'x'],
    ];
    const { rows, errors } = validateExpenditureRows(table, mapping, lookups);
    expect(rows).toEqual([
      { line: 2, programmeId: 11, payeeHolderId: 301, amountFen: 4_500_000n, spentOn: '2025-06-01', voucherNo: '记-2025-0601', description: '土方工程进度款' },
    ]);
    expect(errors).toEqual([
      { row: 3, column: '收款单位', message: '未知的收款单位编码：NOBODY' },
      { row: 3, column: '金额（元）', message: '金额必须为正数' },
      { row: 3, column: '支付日期', message: '日期早于专项资金所属年度 2025' },
      { row: 3, column: '凭证号', message: '凭证号不能为空' },
      { row: 3, column: '摘要', message: '摘要不能为空' },
      { row: 4, column: '凭证号', message: '与第 2 行重复' },
      { row: 5, column: '资金编码', message: '未知的专项资金编码：BAD' },
      { row: 5, column: '金额（元）', message: '金额最多两位小数（分）' },
      { row: 5, column: '支付日期', message: '日期不存在：2025-06-31' },
    ]);
  });

  it('reads 万元 amounts for expenditures too', () => {
    const wanHeader = [...header];
    wanHeader[2] = '金额（万元）';
    const { rows } = validateExpenditureRows([wanHeader, ['YQ-2025-01', 'PAYEE-01', '4.5', '2025-06-01', 'V1', 'x']], mapping, lookups);
    expect(rows[0]?.amountFen).toBe(4_500_000n);
  });
});
