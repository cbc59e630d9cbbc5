/**
 * Validation of spreadsheet rows for import into the ledger (transfers) and the expenditure
 * register. Pure: the caller supplies the table (header row first), the column mapping and the
 * code → id lookups, and gets back the valid rows plus every bad cell, addressed the way the
 * user sees the sheet (1-based row numbers, header text). Amounts stay exact bigint fen.
 */
import { DOC_NUMBER_PATTERN } from '@/lib/domain/doc-number';
import { parseAmount, type AmountUnit } from '@/lib/domain/money';

export type ImportTarget = 'transfers' | 'expenditures';

export const TRANSFER_FIELDS = ['programmeCode', 'fromCode', 'toCode', 'amount', 'date', 'docNumber', 'kind', 'note'] as const;
export const EXPENDITURE_FIELDS = ['programmeCode', 'payeeCode', 'amount', 'date', 'voucherNo', 'description'] as const;
export type TransferField = (typeof TRANSFER_FIELDS)[number];
export type ExpenditureField = (typeof EXPENDITURE_FIELDS)[number];
export type ImportField = TransferField | ExpenditureField;

const OPTIONAL_FIELDS: ReadonlySet<ImportField> = new Set<ImportField>(['note']);

export function fieldsOf(target: ImportTarget): readonly ImportField[] {
  return target === 'transfers' ? TRANSFER_FIELDS : EXPENDITURE_FIELDS;
}

export function isRequiredField(field: ImportField): boolean {
  return !OPTIONAL_FIELDS.has(field);
}

/** Chinese names of the fields, used in messages. */
export const FIELD_LABELS: Record<ImportField, string> = {
  programmeCode: '专项资金编码',
  fromCode: '拨出单位',
  toCode: '接收单位',
  amount: '金额',
  date: '日期',
  docNumber: '文号',
  kind: '类型',
  note: '备注',
  payeeCode: '收款单位',
  voucherNo: '凭证号',
  description: '摘要',
};

/** field → column index in the table (row 0 is the header); null when the field is not in the sheet. */
export type Mapping = Record<string, number | null>;

export interface RowLookups {
  programmes: Map<string, { id: number; fiscalYear: number }>;
  holders: Map<string, number>;
}

/** row: 1-based spreadsheet row (header = 1); column: header text of the mapped column, or the field name if unmapped. */
export interface CellError {
  row: number;
  column: string;
  message: string;
}

export type ImportTransferKind = 'allocation' | 'payment' | 'disbursement';

export interface ValidTransferRow {
  line: number;
  programmeId: number;
  fromHolderId: number;
  toHolderId: number;
  amountFen: bigint;
  transferDate: string;
  docNumber: string;
  kind: ImportTransferKind;
  note: string | null;
}

export interface ValidExpenditureRow {
  line: number;
  programmeId: number;
  payeeHolderId: number;
  amountFen: bigint;
  spentOn: string;
  voucherNo: string;
  description: string;
}

export interface ValidateOptions {
  /** Unit of the amount column; by default read from its header (金额（万元） → 'wan'), else 元. */
  amountUnit?: AmountUnit;
}

export const MAX_NOTE_LENGTH = 500;
export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_VOUCHER_LENGTH = 64;

// ---------------------------------------------------------------------------------------------
// Header guessing

const SYNONYMS: Record<ImportTarget, Partial<Record<ImportField, readonly string[]>>> = {
  transfers: {
    programmeCode: ['专项资金编码', '专项资金代码', '专项资金编号', '资金编码', '资金代码', '资金编号', '专项编码', '专项资金', 'programme code', 'program code', 'programme', 'program', 'fund code'],
    fromCode: ['拨出单位', '拨出单位编码', '拨出单位代码', '付款单位', '付款单位编码', '拨款单位', '拨出方', '付款方', 'from', 'from code', 'from holder', 'payer'],
    toCode: ['接收单位', '接收单位编码', '接收单位代码', '收款单位', '收款单位编码', '收款方', '接收方', 'to', 'to code', 'to holder', 'recipient'],
    amount: ['金额', '拨付金额', '下达金额', '支付金额', 'amount'],
    date: ['日期', '拨付日期', '下达日期', '支付日期', '发生日期', 'date', 'transfer date'],
    docNumber: ['文号', '文件文号', '发文文号', '发文字号', '文件号', 'document no', 'document number', 'doc no', 'doc number', 'docnumber'],
    kind: ['类型', '拨付类型', '业务类型', '类别', 'kind', 'type'],
    note: ['备注', '说明', '附注', 'note', 'notes', 'remark', 'remarks'],
  },
  expenditures: {
    programmeCode: ['专项资金编码', '专项资金代码', '专项资金编号', '资金编码', '资金代码', '资金编号', '专项编码', '专项资金', 'programme code', 'program code', 'programme', 'program', 'fund code'],
    payeeCode: ['收款单位', '收款单位编码', '收款单位代码', '收款方', '收款人', 'payee', 'payee code'],
    amount: ['金额', '支出金额', '支付金额', '付款金额', 'amount'],
    date: ['日期', '支出日期', '支付日期', '付款日期', '发生日期', 'date', 'spent on'],
    voucherNo: ['凭证号', '凭证编号', '记账凭证号', '凭证', 'voucher', 'voucher no', 'voucher number'],
    description: ['摘要', '用途', '支出内容', '说明', 'description', 'purpose'],
  },
};

/** Header text reduced for comparison: NFKC, lower case, no parenthesised unit, no spaces/punctuation. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[\s_\-.:*#/]/g, '');
}

const HAS_CJK = /[\u4E00-\u9FFF]/;

/**
 * Guesses which column holds which field. Exact (normalised) header names win; then a Chinese
 * name contained in a longer header (本次拨付金额 → amount). Each column serves one field at most.
 */
export function guessMapping(header: string[], target: ImportTarget): Mapping {
  const fields = fieldsOf(target);
  const synonyms = SYNONYMS[target];
  const normalised = header.map(normaliseHeader);
  const mapping: Mapping = Object.fromEntries(fields.map((f) => [f, null]));
  const taken = new Set<number>();

  const assign = (match: (h: string, syn: string) => boolean) => {
    for (const field of fields) {
      if (mapping[field] !== null) continue;
      const names = (synonyms[field] ?? []).map(normaliseHeader);
      const col = normalised.findIndex((h, i) => !taken.has(i) && h !== '' && names.some((syn) => match(h, syn)));
      if (col !== -1) {
        mapping[field] = col;
        taken.add(col);
      }
    }
  };
  assign((h, syn) => h === syn);
  assign((h, syn) => HAS_CJK.test(syn) && h.includes(syn));
  return mapping;
}

/** 'wan' when the mapped amount column's header names 万元 (金额（万元）, Amount (10k yuan)). */
export function guessAmountUnit(header: string[], mapping: Mapping): AmountUnit {
  const col = mapping.amount;
  if (col === null || col === undefined) return 'yuan';
  const text = (header[col] ?? '').normalize('NFKC').toLowerCase();
  return /万|10k|ten thousand|\bwan\b/.test(text) ? 'wan' : 'yuan';
}

// ---------------------------------------------------------------------------------------------
// Cell rules

/**
 * 文号: issuing-agency abbreviation (1–12 CJK characters), year 2000–2099 in 〔〕, a number
 * 1–9999 without leading zero, then 号 — e.g. 晋财资环〔2024〕12号. The pattern is the one the
 * entry forms use (lib/domain/doc-number), so imported and typed 文号 follow one rule.
 */
export { DOC_NUMBER_PATTERN };

/**
 * Trims, drops spaces, folds fullwidth digits (NFKC), and writes the year brackets [] 【】 （）
 * () ［］ 〖〗 ﹝﹞ as 〔〕 — a superset of the forms' normaliser, with the same output shape.
 */
export function normaliseDocNumber(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[[【(［〖〔](\d{4})[\]】)］〗〕]/g, '〔$1〕');
}

export function isDocNumber(text: string): boolean {
  return DOC_NUMBER_PATTERN.test(normaliseDocNumber(text));
}

const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];

export type DateParse = { ok: true; date: string } | { ok: false; error: 'empty' | 'format' | 'calendar' };

/**
 * YYYY-MM-DD, YYYY/M/D or YYYY年M月D日 (a trailing midnight time such as Excel's "2025/3/15 0:00"
 * is tolerated) → YYYY-MM-DD, if it is a real calendar date.
 */
export function parseSheetDate(text: string): DateParse {
  const t = text.normalize('NFKC').trim().replace(/\s+0{1,2}:00(?::00)?$/, '');
  if (t === '') return { ok: false, error: 'empty' };
  for (const form of DATE_FORMS) {
    const m = form.exec(t);
    if (!m) continue;
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month < 1 || month > 12 || day < 1) return { ok: false, error: 'calendar' };
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
    if (day > days) return { ok: false, error: 'calendar' };
    return { ok: true, date: `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
  }
  return { ok: false, error: 'format' };
}

const KINDS: Record<string, ImportTransferKind> = {
  下达: 'allocation',
  拨付: 'payment',
  支付: 'disbursement',
  allocation: 'allocation',
  payment: 'payment',
  disbursement: 'disbursement',
};

/** 下达 → allocation, 拨付 → payment, 支付 → disbursement (English names accepted too). */
export function parseTransferKind(text: string): ImportTransferKind | null {
  return KINDS[text.trim().toLowerCase()] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Row validation

interface Sheet {
  header: string[];
  mapping: Mapping;
  /** Column index per field, only for validly mapped fields. */
  columns: Map<ImportField, number>;
  errors: CellError[];
  mappingOk: boolean;
}

function columnLabel(sheet: Sheet, field: ImportField): string {
  const col = sheet.columns.get(field);
  if (col === undefined) return field;
  const text = (sheet.header[col] ?? '').trim();
  return text === '' ? FIELD_LABELS[field] : text;
}

function openSheet(table: string[][], mapping: Mapping, target: ImportTarget): Sheet {
  const sheet: Sheet = { header: table[0] ?? [], mapping, columns: new Map(), errors: [], mappingOk: true };
  const usedBy = new Map<number, ImportField>();
  for (const field of fieldsOf(target)) {
    const col = mapping[field];
    if (col === null || col === undefined) {
      if (isRequiredField(field)) {
        sheet.errors.push({ row: 1, column: field, message: `未指定「${FIELD_LABELS[field]}」对应的列` });
        sheet.mappingOk = false;
      }
      continue;
    }
    if (!Number.isInteger(col) || col < 0) {
      sheet.errors.push({ row: 1, column: field, message: `「${FIELD_LABELS[field]}」的列设置无效` });
      sheet.mappingOk = false;
      continue;
    }
    const other = usedBy.get(col);
    if (other !== undefined) {
      sheet.errors.push({ row: 1, column: field, message: `「${FIELD_LABELS[field]}」与「${FIELD_LABELS[other]}」不能对应同一列` });
      sheet.mappingOk = false;
      continue;
    }
    usedBy.set(col, field);
    sheet.columns.set(field, col);
  }
  return sheet;
}

/** One data row being checked; collects every bad cell rather than stopping at the first. */
class RowCheck {
  ok = true;
  constructor(
    private readonly sheet: Sheet,
    private readonly cells: string[],
    readonly line: number,
  ) {}

  error(field: ImportField, message: string): null {
    this.sheet.errors.push({ row: this.line, column: columnLabel(this.sheet, field), message });
    this.ok = false;
    return null;
  }

  /** Trimmed cell text; '' when the field is unmapped or the row is short. */
  cell(field: ImportField): string {
    const col = this.sheet.columns.get(field);
    return col === undefined ? '' : (this.cells[col] ?? '').trim();
  }

  /** Trimmed text of a required field, or null (and an error) when empty. Unmapped fields were reported on the header. */
  required(field: ImportField): string | null {
    if (!this.sheet.columns.has(field)) {
      this.ok = false;
      return null;
    }
    const text = this.cell(field);
    return text === '' ? this.error(field, `${FIELD_LABELS[field]}不能为空`) : text;
  }

  programme(lookups: RowLookups): { id: number; fiscalYear: number } | null {
    const code = this.required('programmeCode');
    if (code === null) return null;
    return lookups.programmes.get(code) ?? this.error('programmeCode', `未知的专项资金编码：${code}`);
  }

  holder(field: 'fromCode' | 'toCode' | 'payeeCode', lookups: RowLookups): number | null {
    const code = this.required(field);
    if (code === null) return null;
    return lookups.holders.get(code) ?? this.error(field, `未知的${FIELD_LABELS[field]}编码：${code}`);
  }

  amount(unit: AmountUnit): bigint | null {
    const raw = this.required('amount');
    if (raw === null) return null;
    const text = raw.normalize('NFKC').replace(/^¥\s*/, '');
    const parsed = parseAmount(text, unit);
    if (parsed.ok) return parsed.fen;
    switch (parsed.error) {
      case 'empty':
        return this.error('amount', '金额不能为空');
      case 'format':
        return this.error('amount', `金额格式不正确：${raw}`);
      case 'fraction':
        return this.error('amount', unit === 'yuan' ? '金额最多两位小数（分）' : '金额（万元）最多六位小数（精确到分）');
      case 'not_positive':
        return this.error('amount', '金额必须为正数');
      case 'too_large':
        return this.error('amount', '金额超出上限（100 亿元）');
    }
  }

  date(programme: { fiscalYear: number } | null): string | null {
    const raw = this.required('date');
    if (raw === null) return null;
    const parsed = parseSheetDate(raw);
    if (!parsed.ok) {
      return this.error('date', parsed.error === 'calendar' ? `日期不存在：${raw}` : '日期格式应为 YYYY-MM-DD');
    }
    if (programme && parsed.date < `${String(programme.fiscalYear).padStart(4, '0')}-01-01`) {
      return this.error('date', `日期早于专项资金所属年度 ${programme.fiscalYear}`);
    }
    return parsed.date;
  }

  text(field: 'note' | 'description' | 'voucherNo', max: number): string {
    const value = this.cell(field);
    if ([...value].length > max) this.error(field, `${FIELD_LABELS[field]}不能超过 ${max} 个字`);
    return value;
  }
}

function isEmptyRow(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** Reports the later of two rows with the same key as a duplicate of the first. */
class DuplicateCheck {
  private readonly seen = new Map<string, number>();
  check(row: RowCheck, field: ImportField, key: string | null): void {
    if (key === null) return;
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, row.line);
    else row.error(field, `与第 ${first} 行重复`);
  }
}

export function validateTransferRows(
  table: string[][],
  mapping: Mapping,
  lookups: RowLookups,
  opts: ValidateOptions = {},
): { rows: ValidTransferRow[]; errors: CellError[] } {
  const sheet = openSheet(table, mapping, 'transfers');
  const unit = opts.amountUnit ?? guessAmountUnit(sheet.header, mapping);
  const duplicates = new DuplicateCheck();
  const rows: ValidTransferRow[] = [];

  table.forEach((cells, index) => {
    if (index === 0 || isEmptyRow(cells)) return;
    const r = new RowCheck(sheet, cells, index + 1);
    const programme = r.programme(lookups);
    const from = r.holder('fromCode', lookups);
    const to = r.holder('toCode', lookups);
    if (from !== null && to !== null && from === to) r.error('toCode', '拨出单位与接收单位不能相同');
    const amountFen = r.amount(unit);
    const date = r.date(programme);

    let docNumber: string | null = r.required('docNumber');
    if (docNumber !== null) {
      docNumber = normaliseDocNumber(docNumber);
      if (!DOC_NUMBER_PATTERN.test(docNumber)) docNumber = r.error('docNumber', '文号格式不正确，应如 晋财资环〔2024〕12号');
    }

    const kindText = r.required('kind');
    const kind = kindText === null ? null : (parseTransferKind(kindText) ?? r.error('kind', `类型应为 下达、拨付 或 支付，而不是：${kindText}`));

    const note = r.text('note', MAX_NOTE_LENGTH);

    const complete = docNumber !== null && from !== null && to !== null && amountFen !== null && date !== null;
    duplicates.check(r, 'docNumber', complete ? [docNumber, from, to, amountFen, date].join('|') : null);

    if (r.ok && programme && from !== null && to !== null && amountFen !== null && date !== null && docNumber !== null && kind !== null) {
      rows.push({
        line: r.line,
        programmeId: programme.id,
        fromHolderId: from,
        toHolderId: to,
        amountFen,
        transferDate: date,
        docNumber,
        kind,
        note: note === '' ? null : note,
      });
    }
  });

  return { rows: sheet.mappingOk ? rows : [], errors: sheet.errors };
}

export function validateExpenditureRows(
  table: string[][],
  mapping: Mapping,
  lookups: RowLookups,
  opts: ValidateOptions = {},
): { rows: ValidExpenditureRow[]; errors: CellError[] } {
  const sheet = openSheet(table, mapping, 'expenditures');
  const unit = opts.amountUnit ?? guessAmountUnit(sheet.header, mapping);
  const duplicates = new DuplicateCheck();
  const rows: ValidExpenditureRow[] = [];

  table.forEach((cells, index) => {
    if (index === 0 || isEmptyRow(cells)) return;
    const r = new RowCheck(sheet, cells, index + 1);
    const programme = r.programme(lookups);
    const payee = r.holder('payeeCode', lookups);
    const amountFen = r.amount(unit);
    const date = r.date(programme);
    const voucherNo = r.required('voucherNo') === null ? null : r.text('voucherNo', MAX_VOUCHER_LENGTH);
    const description = r.required('description') === null ? null : r.text('description', MAX_DESCRIPTION_LENGTH);

    const complete = voucherNo !== null && payee !== null && amountFen !== null && date !== null;
    duplicates.check(r, 'voucherNo', complete ? [voucherNo, payee, amountFen, date].join('|') : null);

    if (r.ok && programme && payee !== null && amountFen !== null && date !== null && voucherNo !== null && description !== null) {
      rows.push({ line: r.line, programmeId: programme.id, payeeHolderId: payee, amountFen, spentOn: date, voucherNo, description });
    }
  });

  return { rows: sheet.mappingOk ? rows : [], errors: sheet.errors };
}
