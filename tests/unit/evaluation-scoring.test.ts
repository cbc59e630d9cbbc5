import { describe, expect, it } from 'vitest';
import { gradeOf, indicatorPoints, pointsOf, pointsText, totalPoints, weightBpOf, weightsProblem, type ScoredIndicator } from '@/lib/domain/evaluation';

const ind = (over: Partial<ScoredIndicator>): ScoredIndicator => ({ weightBp: 2000, direction: 'higher_better', rule: 'proportional', target: '100', actual: '100', ...over });

describe('indicator points', () => {
  it('gives the whole weight when a higher-is-better target is met or exceeded, and no more', () => {
    expect(indicatorPoints(ind({ actual: '100' }))).toBe(2000);
    expect(indicatorPoints(ind({ actual: '250.5' }))).toBe(2000);
  });

  it('scales higher-is-better points by actual / target, rounded half up to the hundredth', () => {
    // 20 × 80/100 = 16.00
    expect(indicatorPoints(ind({ actual: '80' }))).toBe(1600);
    // 15 × 2/3 = 10.0000… → 10.00; 25 × 1/3 = 8.3333… → 8.33; 10 × 0.1234 = 1.234 → 1.23
    expect(indicatorPoints(ind({ weightBp: 1500, target: '3', actual: '2' }))).toBe(1000);
    expect(indicatorPoints(ind({ weightBp: 2500, target: '3', actual: '1' }))).toBe(833);
    expect(indicatorPoints(ind({ weightBp: 1000, target: '1', actual: '0.1234' }))).toBe(123);
    // 10 × 1/8 = 1.25 exactly; 10 × 1/16 = 0.625 → 0.63 (half up)
    expect(indicatorPoints(ind({ weightBp: 1000, target: '16', actual: '1' }))).toBe(63);
  });

  it('scores lower-is-better indicators by target / actual once the target is exceeded', () => {
    expect(indicatorPoints(ind({ direction: 'lower_better', target: '100', actual: '90' }))).toBe(2000);
    // cost 125 against 100: 20 × 100/125 = 16.00
    expect(indicatorPoints(ind({ direction: 'lower_better', target: '100', actual: '125' }))).toBe(1600);
    expect(indicatorPoints(ind({ direction: 'lower_better', target: '0', actual: '3' }))).toBe(0);
    expect(indicatorPoints(ind({ direction: 'lower_better', target: '0', actual: '0' }))).toBe(2000);
  });

  it('gives a threshold indicator all or nothing', () => {
    expect(indicatorPoints(ind({ rule: 'threshold', actual: '99.9999' }))).toBe(0);
    expect(indicatorPoints(ind({ rule: 'threshold', actual: '100' }))).toBe(2000);
    expect(indicatorPoints(ind({ rule: 'threshold', direction: 'lower_better', target: '30', actual: '31' }))).toBe(0);
    expect(indicatorPoints(ind({ rule: 'threshold', direction: 'lower_better', target: '30', actual: '12' }))).toBe(2000);
  });

  it('refuses negative values', () => {
    expect(() => indicatorPoints(ind({ actual: '-1' }))).toThrow();
  });

  it('totals the rounded points shown, so the published table adds up', () => {
    // 3 × (33.33.. × 1/3) would be 33.33 each: total 33.33 × 3 = 99.99, not 100
    const set = [ind({ weightBp: 3334, target: '1', actual: '1' }), ind({ weightBp: 3333, target: '3', actual: '2' }), ind({ weightBp: 3333, target: '3', actual: '1' })];
    expect(set.map(indicatorPoints)).toEqual([3334, 2222, 1111]);
    expect(totalPoints(set)).toBe(6667);
  });
});

describe('grades', () => {
  it('puts the boundaries where the rules say: 89.99 is 良, 90.00 is 优, 59.99 is 差', () => {
    expect(gradeOf(pointsOf('89.99'))).toBe('good');
    expect(gradeOf(pointsOf('90.00'))).toBe('excellent');
    expect(gradeOf(pointsOf('100'))).toBe('excellent');
    expect(gradeOf(pointsOf('80'))).toBe('good');
    expect(gradeOf(pointsOf('79.99'))).toBe('fair');
    expect(gradeOf(pointsOf('60.00'))).toBe('fair');
    expect(gradeOf(pointsOf('59.99'))).toBe('poor');
    expect(gradeOf(0)).toBe('poor');
  });

  it('refuses a score outside 0-100', () => {
    expect(() => gradeOf(10_001)).toThrow();
    expect(() => gradeOf(-1)).toThrow();
  });

  it('writes points with two decimals', () => {
    expect(pointsText(8750)).toBe('87.50');
    expect(pointsText(5)).toBe('0.05');
  });
});

describe('weights', () => {
  it('accepts a set summing to exactly 100 and says what is wrong otherwise', () => {
    expect(weightsProblem([weightBpOf('30'), weightBpOf('30'), weightBpOf('40')])).toBeNull();
    expect(weightsProblem([weightBpOf('33.33'), weightBpOf('33.33'), weightBpOf('33.33')])).toBe('sum');
    expect(weightsProblem([weightBpOf('50'), weightBpOf('60')])).toBe('sum');
    expect(weightsProblem([weightBpOf('100'), 0])).toBe('not_positive');
    expect(weightsProblem([])).toBe('empty');
  });
});
