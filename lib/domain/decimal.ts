/** Exact decimal strings as scaled bigints: "980.53" at scale 2 → 98053n. Throws on anything else. */
export function toScaled(value: string, scale: number): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new Error(`not a decimal: ${value}`);
  const [, sign, whole, frac = ''] = m;
  if (frac.replace(/0+$/, '').length > scale) throw new Error(`more than ${scale} decimals: ${value}`);
  return BigInt(whole + frac.padEnd(scale, '0').slice(0, scale)) * (sign ? -1n : 1n);
}

/** Formats a scaled bigint back to a decimal string with `scale` places. */
export function fromScaled(value: bigint, scale: number): string {
  const neg = value < 0n;
  const abs = neg ? -value : value;
  const factor = 10n ** BigInt(scale);
  const frac = scale > 0 ? `.${(abs % factor).toString().padStart(scale, '0')}` : '';
  return `${neg ? '-' : ''}${abs / factor}${frac}`;
}

/** part / whole as a percentage with `decimals` places, rounded half up, exactly. */
export function percentOf(part: bigint, whole: bigint, decimals = 2): string {
  const factor = 10n ** BigInt(decimals);
  const scaled = (part * 100n * factor * 2n + whole) / (whole * 2n);
  return `${fromScaled(scaled, decimals)}%`;
}

/** A stored numeric ("100.0000", "85.5000") as a person would type it ("100", "85.5"); integers are left alone. */
export function plainDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}
