import { describe, expect, it } from 'vitest';
import { DEFAULT_NEXT, safeNext } from '@/lib/auth/safe-next';

describe('the return target after sign-in', () => {
  it('keeps same-site paths with their query and fragment', () => {
    expect(safeNext('/workspace/officer')).toBe('/workspace/officer');
    expect(safeNext('/workspace/items/12?tab=timeline#x')).toBe('/workspace/items/12?tab=timeline#x');
    expect(safeNext('/allocations/B-2026-01')).toBe('/allocations/B-2026-01');
    expect(safeNext(['/workspace/inbox', '//evil.example'])).toBe('/workspace/inbox');
    expect(safeNext('/')).toBe('/');
    expect(safeNext('/projects?q=%E7%9B%82%E5%8E%BF')).toBe('/projects?q=%E7%9B%82%E5%8E%BF');
  });

  it('normalises dot segments and still stays on the site', () => {
    expect(safeNext('/workspace/../projects')).toBe('/projects');
    expect(safeNext('/a/./b')).toBe('/a/b');
  });

  it.each([
    '/\\evil.example',
    '/%5Cevil.example',
    '/%5cevil.example',
    '/%255Cevil.example',
    '\\\\evil.example',
    '//evil.example',
    '///evil.example',
    '/%2Fevil.example',
    '/%2fevil.example',
    '/%252F%252Fevil.example',
    '/..//evil.example',
    '/.//evil.example',
    '/\t/evil.example',
    '/%09/evil.example',
    '/%0d%0aLocation:%20http://evil.example',
    '/\n/evil.example',
    'https://evil.example/',
    'http:evil.example',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' /workspace',
    'evil.example',
    '',
    '/%E0%A4%A',
    `/${'a'.repeat(3000)}`,
  ])('refuses %j', (bad) => {
    expect(safeNext(bad)).toBe(DEFAULT_NEXT);
  });

  it('refuses anything that is not a string', () => {
    for (const bad of [undefined, null, 42, {}, [], [42]]) expect(safeNext(bad)).toBe(DEFAULT_NEXT);
  });

  it('uses the given fallback', () => {
    expect(safeNext('//evil.example', '/')).toBe('/');
  });
});
