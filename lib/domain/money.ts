/** Money is integer fen (分) as bigint from the form to the database and back. */

export const FEN_PER_YUAN = 100n;
export const FEN_PER_WAN = 1_000_000n; // 万元
export const FEN_PER_YI = 10_000_000_000n; // 亿元
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

/** Human scale for display: 元 under 万, 万元 under 亿, else 亿元 (our own scaling; ICU differs by version). */
export function formatCompact(fen: bigint, locale: 'zh' | 'en' = 'zh'): string {
  const abs = fen < 0n ? -fen : fen;
  if (abs >= FEN_PER_YI) return `${scaled(fen, FEN_PER_YI, 2)} ${locale === 'zh' ? '亿元' : '100M yuan'}`;
  if (abs >= FEN_PER_WAN) return `${scaled(fen, FEN_PER_WAN, 2)} ${locale === 'zh' ? '万元' : '10k yuan'}`;
  return `${formatYuan(fen)} ${locale === 'zh' ? '元' : 'yuan'}`;
}

/** Serialises fen for JSON (bigint is not JSON): always a decimal string. */
export const fenToJson = (fen: bigint): string => fen.toString();
