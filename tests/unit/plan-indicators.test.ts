import { describe, expect, it } from 'vitest';
import { indicatorValueError, measureOf, targetFor, trackIndicator, type IndicatorTargets } from '@/lib/domain/plan-indicators';

const forest: IndicatorTargets = { comparator: 'gte', baseline2020: null, target2025: '29.20', target2035: '37.76' };
const erosion: IndicatorTargets = { comparator: 'gte', baseline2020: null, target2025: '475', target2035: null };
const wetland: IndicatorTargets = { comparator: 'eq', baseline2020: null, target2025: '21.80', target2035: '21.80' };
const ceiling: IndicatorTargets = { comparator: 'lte', baseline2020: '50.00', target2025: '40.00', target2035: '30.00' };

describe('the on-track rule', () => {
  it('has nothing to say without a value, and no trend from one value without a baseline', () => {
    expect(trackIndicator(forest, []).status).toBe('no_data');
    expect(trackIndicator(forest, [{ year: 2021, value: '27.00' }])).toMatchObject({ status: 'no_trend', targetYear: 2025, target: '29.20', expected: null });
  });

  it('measures the latest value against the straight line from the first value to the 2025 target', () => {
    // 27.00 in 2021 → 29.20 in 2025: 0.55 a year, so 2023 expects 28.10.
    const onLine = trackIndicator(forest, [{ year: 2021, value: '27.00' }, { year: 2023, value: '28.10' }]);
    expect(onLine).toMatchObject({ status: 'on_track', expected: '28.10', targetYear: 2025, anchor: { year: 2021, value: '27.00' } });
    expect(trackIndicator(forest, [{ year: 2021, value: '27.00' }, { year: 2023, value: '28.09' }])).toMatchObject({ status: 'behind', expected: '28.10' });
    // Order of the reports does not matter.
    expect(trackIndicator(forest, [{ year: 2023, value: '28.11' }, { year: 2021, value: '27.00' }]).status).toBe('on_track');
  });

  it('compares exactly where the expected value has more decimals than the values', () => {
    // 0 in 2021 → 475 in 2025: 2022 expects 118.75; 2024 expects 356.25.
    expect(trackIndicator(erosion, [{ year: 2021, value: '0' }, { year: 2022, value: '118.75' }])).toMatchObject({ status: 'on_track', expected: '118.75' });
    expect(trackIndicator(erosion, [{ year: 2021, value: '0' }, { year: 2022, value: '118.74' }]).status).toBe('behind');
    // 10.00 in 2022 → 10.01 in 2025: 2023 expects 10.0033…, shown as 10.00, and 10.00 is short of it: no rounding in the comparison.
    const third: IndicatorTargets = { comparator: 'gte', baseline2020: null, target2025: '10.01', target2035: null };
    expect(trackIndicator(third, [{ year: 2022, value: '10.00' }, { year: 2023, value: '10.00' }])).toMatchObject({ status: 'behind', expected: '10.00' });
  });

  it('answers to the 2035 target after 2025, and to the 2025 target where the plan states no 2035 one', () => {
    expect(targetFor(forest, 2025)).toEqual({ year: 2025, value: '29.20' });
    expect(targetFor(forest, 2026)).toEqual({ year: 2035, value: '37.76' });
    expect(targetFor(erosion, 2027)).toEqual({ year: 2025, value: '475' });
    // 30.00 in 2026 (after meeting 2025) measured against 37.76 in 2035 from the first value 27.00 in 2021.
    const after = trackIndicator(forest, [{ year: 2021, value: '27.00' }, { year: 2026, value: '30.00' }]);
    expect(after).toMatchObject({ targetYear: 2035, target: '37.76' });
    // 27 + (37.76 − 27) · 5/14 = 30.842857… → 30.84; 30.00 is short of it.
    expect(after).toMatchObject({ status: 'behind', expected: '30.84' });
  });

  it('is reached once the target is met, and behind when the target year came and went without it', () => {
    expect(trackIndicator(erosion, [{ year: 2021, value: '100' }, { year: 2024, value: '480' }]).status).toBe('reached');
    expect(trackIndicator(erosion, [{ year: 2021, value: '100' }, { year: 2025, value: '474.99' }])).toMatchObject({ status: 'behind', expected: '475' });
    expect(trackIndicator(erosion, [{ year: 2021, value: '100' }, { year: 2027, value: '470' }])).toMatchObject({ status: 'behind', targetYear: 2025 });
  });

  it('treats 维持在 as "not below" and honours 不高于', () => {
    expect(trackIndicator(wetland, [{ year: 2021, value: '21.80' }]).status).toBe('reached');
    expect(trackIndicator(wetland, [{ year: 2021, value: '21.90' }, { year: 2022, value: '21.79' }]).status).toBe('behind');
    // At most: from the 2020 baseline 50 to 40 in 2025, 2022 expects 46; 45 is on track, 47 is behind, 39 reached.
    expect(trackIndicator(ceiling, [{ year: 2022, value: '45.00' }])).toMatchObject({ status: 'on_track', expected: '46.00', anchor: { year: 2020, value: '50.00' } });
    expect(trackIndicator(ceiling, [{ year: 2022, value: '47.00' }]).status).toBe('behind');
    expect(trackIndicator(ceiling, [{ year: 2022, value: '39.00' }]).status).toBe('reached');
  });
});

describe('indicator values', () => {
  it('knows what each of the plan indicators measures', () => {
    expect(measureOf({ code: 'I01', unit: 'km²' })).toBe('area');
    expect(measureOf({ code: 'I02', unit: '%' })).toBe('rate');
    expect(measureOf({ code: 'I09', unit: '%' })).toBe('growth');
  });

  it('refuses a negative area or rate, a rate above 100, a fall below -100% and more than two decimals', () => {
    expect(indicatorValueError('1160.94', 'area')).toBeNull();
    expect(indicatorValueError('-0.01', 'area')).toBe('negative');
    expect(indicatorValueError('-1', 'rate')).toBe('negative');
    expect(indicatorValueError('100', 'rate')).toBeNull();
    expect(indicatorValueError('100.01', 'rate')).toBe('above_100');
    expect(indicatorValueError('-3.5', 'growth')).toBeNull();
    expect(indicatorValueError('-100.01', 'growth')).toBe('below_minus_100');
    expect(indicatorValueError('29.205', 'rate')).toBe('format');
    expect(indicatorValueError('12345678901', 'area')).toBe('format');
    expect(indicatorValueError('1e3', 'area')).toBe('format');
    expect(indicatorValueError('', 'area')).toBe('format');
  });
});
