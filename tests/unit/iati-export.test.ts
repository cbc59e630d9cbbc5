import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApi } from '@/lib/api/openapi';
import { yuanOf } from '@/lib/opendata/iati/amount';
import { buildIatiActivities } from '@/lib/opendata/iati/document';
import type { IatiLine, IatiOrg, IatiSource } from '@/lib/opendata/iati/model';
import { el, escapeAttr, escapeText } from '@/lib/opendata/iati/xml';

const root = path.resolve(import.meta.dirname, '../..');
const schemaPath = [path.resolve(root, 'tests/standards/iati-2.03/iati-activities-schema.xsd')].find((p) => fs.existsSync(p));

describe('IATI amounts', () => {
  it('writes yuan with exactly two decimals from fen, exactly, at any size and sign', () => {
    expect(yuanOf(0n)).toBe('0.00');
    expect(yuanOf(5n)).toBe('0.05');
    expect(yuanOf(100n)).toBe('1.00');
    expect(yuanOf(-6625100n)).toBe('-66251.00');
    expect(yuanOf(123456789012n)).toBe('1234567890.12');
    // Beyond a double's exact integers (2^53 fen): still every digit.
    expect(yuanOf(1_000_000_000_000_001n)).toBe('10000000000000.01');
    expect(yuanOf(9_007_199_254_740_993n)).toBe('90071992547409.93');
  });
});

describe('IATI XML writer', () => {
  it('escapes markup in text and attributes and drops what XML cannot carry', () => {
    expect(escapeText('A & B <c> "d"')).toBe('A &amp; B &lt;c&gt; "d"');
    expect(escapeAttr(`a"b'c<d>&\n`)).toBe('a&quot;b&apos;c&lt;d&gt;&amp;&#10;');
    expect(escapeText('bell\u0007 tab\t nul\u0000 lone\uD800 pair\uD83D\uDE00')).toBe('bell tab\t nul lone pair\uD83D\uDE00');
    expect(el('x', { a: '1', b: undefined, c: null }, [])).toBe('<x a="1"/>');
    expect(el('x', {}, ['<y/>'])).toBe('<x><y/></x>');
  });
});

const org = (code: string, name: string, nameEn: string, kind: IatiOrg['kind']): IatiOrg => ({ code, name, nameEn, kind });
const party = (o: IatiOrg, kind = 'organisation') => ({ code: o.code, kind, name: o.name, nameEn: o.nameEn ?? o.name });

describe('IATI activities document', () => {
  const city = org('140300-CZJ', '阳泉市财政局', 'Yangquan Municipal Finance Bureau', 'finance_bureau');
  const county = org('140322', '盂县', 'Yu County', 'government');
  const unit = org('U-1', '项目中心 <A&B>', 'Centre "A&B"', 'implementing_unit');
  const contractor = org('C-1', '公司\u0001甲', '公司\u0001甲', 'contractor');
  const line = (over: Partial<IatiLine> & Pick<IatiLine, 'transferId' | 'kind' | 'from' | 'to' | 'amountFen'>): IatiLine => ({
    date: '2025-03-01',
    docNumber: '阳财建〔2025〕1号 & <附件>',
    programmeCode: 'P-YQ',
    programmeName: '市级资金',
    programmeLevel: 'municipal',
    ...over,
  });
  const project = { code: 'G1-01', kind: 'project', name: '项目一', nameEn: '项目一' };
  const source: IatiSource = {
    reportingOrg: city,
    orgs: new Map([city, county, unit, contractor].map((o) => [o.code, o])),
    programmes: [{ code: 'P-YQ', name: '市级资金 "2025" & more', level: 'municipal', fiscalYear: 2025, purpose: '用途 <生态>', managingOrgCode: city.code }],
    projects: [
      { code: 'G1-01', name: '项目一', description: null, town: '西潘乡', type: { name: '矿山', nameEn: 'Mine' }, zone: null, keyArea: null, group: null, implementingOrgCode: 'U-1', countyCodes: ['140322'], plannedStart: null, plannedEnd: null, stage: 'accepted', acceptedOn: '2025-11-02' },
      { code: 'G1-02', name: '项目二', description: '说明', town: null, type: { name: '水', nameEn: 'Water' }, zone: null, keyArea: null, group: null, implementingOrgCode: null, countyCodes: [], plannedStart: null, plannedEnd: null, stage: null, acceptedOn: null },
    ],
    lines: [
      line({ transferId: 1, kind: 'allocation', from: party(city), to: party(county), amountFen: 100_000_00n }),
      line({ transferId: 2, kind: 'payment', from: party(county), to: project, amountFen: 60_000_00n, date: '2025-04-01' }),
      line({ transferId: 3, kind: 'disbursement', from: project, to: party(contractor, 'payee'), amountFen: 50_000_00n, date: '2025-05-01' }),
      line({ transferId: 4, kind: 'reversal', from: project, to: party(county), amountFen: 1_000_00n, date: '2025-06-01' }),
      // A programme whose catalogue entry is not public: its published lines still have an activity.
      line({ transferId: 5, kind: 'payment', from: party(county), to: project, amountFen: 7n, programmeCode: 'P-X', programmeName: '其他资金', programmeLevel: 'county' }),
    ],
  };
  const xml = buildIatiActivities(source, new Date('2026-01-02T03:04:05.678Z'));

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'tests/support/ensure-xmllint.mjs')], { stdio: 'inherit' });
  });

  it('validates against the schema, names and text escaped, with every kind of hop and a reversal', () => {
    expect(schemaPath, 'the IATI 2.03 schema in tests/standards').toBeDefined();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'iati-unit-')), 'a.xml');
    fs.writeFileSync(file, xml);
    const lint = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schemaPath!, file], { encoding: 'utf8' });
    expect(lint.stderr.trim(), lint.stderr).toMatch(/ validates$/);
    expect(xml).toContain('generated-datetime="2026-01-02T03:04:05Z"');
    expect(xml).toContain('<narrative xml:lang="zh">市级资金 "2025" &amp; more</narrative>');
    expect(xml).toContain('<narrative xml:lang="en">Centre "A&amp;B"</narrative>');
    expect(xml).toContain('<narrative xml:lang="zh">公司甲</narrative>');
    expect(xml).not.toContain('\u0001');
  });

  it('reports each hop in the activities at both of its ends, a reversal as negative values', () => {
    const activity = (id: string) => new RegExp(`<iati-activity [^>]*><iati-identifier>${id}</iati-identifier>[\\s\\S]*?</iati-activity>`).exec(xml)?.[0] ?? '';
    const programme = activity('CN-YQ-140300-CZJ-PROG-P-YQ');
    const projectOne = activity('CN-YQ-140300-CZJ-PROJ-G1-01');
    const types = (a: string, ref: string) => [...a.matchAll(new RegExp(`<transaction ref="${ref}"><transaction-type code="(\\d)"/>`, 'g'))].map((m) => m[1]);
    expect(types(programme, 'transfer-1')).toEqual(['2', '3']);
    expect(types(programme, 'transfer-2')).toEqual(['3']);
    expect(types(projectOne, 'transfer-2')).toEqual(['1']);
    expect(types(projectOne, 'transfer-3')).toEqual(['4']);
    expect(types(programme, 'transfer-4')).toEqual(['3']);
    expect(types(projectOne, 'transfer-4')).toEqual(['1']);
    expect(projectOne).toMatch(/<transaction ref="transfer-4">[\s\S]*?<value currency="CNY" value-date="2025-06-01">-1000.00<\/value>/);
    // The project's budget is what it received net of the reversal, from both programmes.
    expect(projectOne).toContain('<value currency="CNY" value-date="2025-01-01">59000.07</value>');
    expect(projectOne).toContain('<activity-status code="3"/>');
    expect(projectOne).toContain('<activity-date type="4" iso-date="2025-11-02"/>');
    expect(projectOne).toContain('<related-activity type="1" ref="CN-YQ-140300-CZJ-PROG-P-X"/>');
    expect(activity('CN-YQ-140300-CZJ-PROG-P-X')).toContain('hierarchy="1"');
    // A project without money or dates: pipeline, dated by the plan period, named by the reporter.
    const projectTwo = activity('CN-YQ-140300-CZJ-PROJ-G1-02');
    expect(projectTwo).toContain('<activity-status code="1"/>');
    expect(projectTwo).toContain('<activity-date type="1" iso-date="2021-01-01"/>');
  });

  it('is in the OpenAPI document as XML', () => {
    const op = (buildOpenApi().paths as Record<string, { get: { responses: Record<string, { content: Record<string, unknown> }> } }>)['/api/public/iati/activities.xml']!.get;
    expect(Object.keys(op.responses['200']!.content)).toEqual(['application/xml']);
    expect(Object.keys(buildOpenApi().paths)).toContain('/api/public/plan');
  });
});
