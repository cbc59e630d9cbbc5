/**
 * 文号: issuing-agency abbreviation, year in 〔〕, serial number, 号 — e.g. 晋财资环〔2024〕12号.
 * Other bracket styles people type ([], 【】, （）, ()) are normalised to 〔〕 first.
 */
export const DOC_NUMBER_PATTERN = /^[\u4e00-\u9fff]{1,12}〔20\d{2}〕[1-9]\d{0,3}号$/;

export function normaliseDocNumber(input: string): string {
  return input
    .trim()
    .replace(/\s+/g, '')
    .replace(/^([\u4e00-\u9fff]{1,12})[[【（(](\d{4})[\]】）)]/, '$1〔$2〕');
}

export function isDocNumber(input: string): boolean {
  return DOC_NUMBER_PATTERN.test(normaliseDocNumber(input));
}
