/** Money is integer fen (分) as bigint from the form to the database and back. */

export const FEN_PER_YUAN = 100n;
export const FEN_PER_WAN = 1_000_000n; // 万元
export const FEN_PER_YI = 10_000_000_000n; // 亿元
/**
 * The largest amount anywhere, 10^15 fen (10 万亿元), far above any programme. SQL holds the same
 * limit once, as max_amount_fen() (db/sql/functions), for the CHECKs and the ledger trigger; a test
 * keeps the two equal.
 */
export const MAX_AMOUNT_FEN = 1_000_000_000_000_000n;

export type AmountUnit = 'yuan' | 'wan';

export type ParseResult = { ok: true; fen: bigint } | { ok: false; error: 'empty' | 'format' | 'fraction' | 'not_positive' | 'too_large' };

/**
 * Parses a decimal amount typed by a person in 元 (up to 2 decimals) or 万元 (up to 6 decimals)
 * into exact fen, with no float arithmetic. Thousands separators (, and ，) are accepted.
 */
export function parseAmount(input: string, unit: AmountUnit = 'yuan'): ParseResult {
  const text = input.trim().replace(/[,，\s]/g, '');
  if (text === '') return { ok: false, error: 'empty' };
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return { ok: false, error: 'format' };
  const [, sign, whole, frac = ''] = m;
  const scale = unit === 'yuan' ? 2 : 6;
  if (frac.replace(/0+$/, '').length > scale) return { ok: false, error: 'fraction' };
  const fen = BigInt(whole + frac.padEnd(scale, '0').slice(0, scale)) * (sign ? -1n : 1n);
  if (fen <= 0n) return { ok: false, error: 'not_positive' };
  if (fen > MAX_AMOUNT_FEN) return { ok: false, error: 'too_large' };
  return { ok: true, fen };
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Exact 元 with two decimals and thousands separators: 1234567n → "12,345.67". */
export function formatYuan(fen: bigint): string {
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  const whole = abs / FEN_PER_YUAN;
  const cents = (abs % FEN_PER_YUAN).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${groupThousands(whole.toString())}.${cents}`;
}

/** Divides with half-up rounding to `decimals` places, exactly. */
function scaled(fen: bigint, unit: bigint, decimals: number): string {
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  const factor = 10n ** BigInt(decimals);
  const q = (abs * factor * 2n + unit) / (unit * 2n);
  const whole = q / factor;
  const frac = decimals > 0 ? `.${(q % factor).toString().padStart(decimals, '0')}` : '';
  return `${neg ? '-' : ''}${groupThousands(whole.toString())}${frac}`;
}

export type MoneyLocale = 'zh' | 'en';

/** How an amount reads: `text` at a human scale, `exact` to the fen; `scaled` when they differ. */
export interface MoneyText {
  text: string;
  exact: string;
  scaled: boolean;
}

const FEN_PER_MILLION_YUAN = 100_000_000n;
const FEN_PER_BILLION_YUAN = 100_000_000_000n;

/**
 * The scales of each language, largest first. 万元 and 亿元 are Chinese units; English reads
 * millions and billions of yuan. Below the smallest scale an amount is shown exactly.
 */
const SCALES: Record<MoneyLocale, { unit: bigint; zh?: string; en?: string }[]> = {
  zh: [
    { unit: FEN_PER_YI, zh: '亿元' },
    { unit: FEN_PER_WAN, zh: '万元' },
  ],
  en: [
    { unit: FEN_PER_BILLION_YUAN, en: 'billion' },
    { unit: FEN_PER_MILLION_YUAN, en: 'million' },
  ],
};

const withUnit = (number: string, locale: MoneyLocale, scale?: string) =>
  locale === 'zh' ? `${number} ${scale ?? '元'}` : `CNY ${number}${scale ? ` ${scale}` : ''}`;

/**
 * The one money formatter of the portal, in our own code (ICU scales differ by version and by
 * runtime): exact 元 below 1 万元 (English: below 1 million yuan), else two decimals, half away
 * from zero, of the largest scale the amount reaches.
 *   zh: "12,345.67 元", "1,234.57 万元", "12.35 亿元"   en: "CNY 12,345.67", "CNY 1.23 million", "CNY 2.25 billion"
 */
export function formatMoney(fen: bigint, locale: MoneyLocale = 'zh'): MoneyText {
  const exact = withUnit(formatYuan(fen), locale);
  const abs = fen < 0n ? -fen : fen;
  const scales = SCALES[locale];
  let i = scales.findIndex((s) => abs >= s.unit);
  if (i < 0) return { text: exact, exact, scaled: false };
  // A rounding that reaches the next unit reads in that unit: 9,999.995 万 is "1.00 亿元", not "10,000.00 万元".
  if (i > 0 && (abs * 200n + scales[i]!.unit) / (scales[i]!.unit * 2n) >= (100n * scales[i - 1]!.unit) / scales[i]!.unit) i--;
  const s = scales[i]!;
  return { text: withUnit(scaled(fen, s.unit, 2), locale, s.zh ?? s.en), exact, scaled: true };
}

/** Human scale for display; see formatMoney. */
export function formatCompact(fen: bigint, locale: MoneyLocale = 'zh'): string {
  return formatMoney(fen, locale).text;
}

/** The exact amount with its unit in the reader's language: "12,345.67 元", "CNY 12,345.67". */
export function formatExact(fen: bigint, locale: MoneyLocale = 'zh'): string {
  return formatMoney(fen, locale).exact;
}

/**
 * An amount as a person types it into a form in 元 or 万元 (the inverse of parseAmount), exactly,
 * without separators or trailing zeros, for prefilling an edit: 123_450_000n, 'wan' → "123.45";
 * zero is the empty field.
 */
export function amountInput(fen: bigint, unit: AmountUnit = 'yuan'): string {
  if (fen === 0n) return '';
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  const per = unit === 'yuan' ? FEN_PER_YUAN : FEN_PER_WAN;
  const places = unit === 'yuan' ? 2 : 6;
  const frac = (abs % per).toString().padStart(places, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${abs / per}${frac ? `.${frac}` : ''}`;
}

/** Serialises fen for JSON (bigint is not JSON): always a decimal string. */
export const fenToJson = (fen: bigint): string => fen.toString();
