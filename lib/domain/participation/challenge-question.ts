import { randomInt } from 'node:crypto';

/**
 * A question a person answers by reading or listening, with no image, no puzzle to see and no
 * third-party service: the sum of two small numbers written in words. It keeps scripts that flood
 * busy without shutting out a screen-reader user.
 */
export interface ChallengeQuestion {
  zh: string;
  en: string;
  answer: string;
}

const ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

export function newChallengeQuestion(pick: (max: number) => number = randomInt): ChallengeQuestion {
  const a = 1 + pick(12);
  const b = 1 + pick(9);
  return {
    zh: `请用阿拉伯数字回答：${ZH[a]}加${ZH[b]}等于多少？`,
    en: `Please answer in digits: what is ${EN[a]} plus ${EN[b]}?`,
    answer: String(a + b),
  };
}

/** Digits only, full-width digits and spaces forgiven. */
export function normaliseChallengeAnswer(given: string): string {
  return given.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
}
