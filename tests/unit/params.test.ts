import { describe, expect, it } from 'vitest';
import { feedFilterOf } from '@/lib/dal/public/feed';
import { id, idParam, MAX_ID } from '@/lib/schemas/common';

describe('ids and dates from the outside', () => {
  it('accepts only ids the database can hold', () => {
    expect(idParam('12')).toBe(12);
    for (const bad of ['0', '-1', '1.5', 'abc', '', null, undefined, String(MAX_ID + 1), '1e3x']) expect(idParam(bad)).toBeNull();
    expect(id.safeParse(MAX_ID + 1).success).toBe(false);
  });

  it('ignores feed dates that are not real days', () => {
    const since = (v: string) => feedFilterOf(new URLSearchParams({ since: v })).since;
    expect(since('2026-02-28')).toBe('2026-02-28');
    expect(since('2026-02-30')).toBeUndefined();
    expect(since('0000-01-01')).toBeUndefined();
    expect(since('2026-2-1')).toBeUndefined();
  });
});

describe('download names', () => {
  it('give old clients an ASCII name and everyone else the exact UTF-8 name', async () => {
    const { attachmentDisposition } = await import('@/lib/api/content-disposition');
    expect(attachmentDisposition("管理办法 (2026)'s.pdf")).toBe(`attachment; filename="____ (2026)'s.pdf"; filename*=UTF-8''%E7%AE%A1%E7%90%86%E5%8A%9E%E6%B3%95%20%282026%29%27s.pdf`);
    expect(attachmentDisposition('a"b.pdf')).toBe(`attachment; filename="a_b.pdf"; filename*=UTF-8''a%22b.pdf`);
  });
});
