import { z } from 'zod';
import type { MoneyOverviewDto, NamedSum } from '@/lib/dal/public/money-overview';
import type { ChainSankeyDto } from '@/lib/dal/public/sankey';
import { fromScaled } from '@/lib/domain/decimal';
import { totalOf } from '@/lib/domain/level-sums';
import type { HolderStage } from '@/lib/domain/sankey';
import { FUND_LEVELS, type FundLevel } from '@/lib/domain/vocabulary';
import { messagesFor } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';
import { csvNumber, toCsv, type CsvValue } from './csv';
import { parseStrictQuery } from './strict-query';

/*
 * The home page's figures as downloads (/api/public/overview): one table per chart or table the
 * page shows, built here from the same data-layer answers the page renders, so a download holds
 * exactly the figures on the page.
 */

/** The stages of the chain the home page shows (the province is only a step on the way). */
export const HOME_STAGES = ['city', 'county', 'project', 'payee'] as const;

export const OVERVIEW_TABLES = ['stages', 'by-level', 'by-county', 'by-year', 'by-zone', 'by-group', 'by-type', 'by-key-area', 'sankey'] as const;
export type OverviewTableName = (typeof OVERVIEW_TABLES)[number];

export const overviewQuerySchema = z.strictObject({
  table: z.enum(OVERVIEW_TABLES, { error: 'errors.query.table' }),
  format: z.enum(['json', 'csv'], { error: 'errors.query.format' }).optional(),
});

export function parseOverviewQuery(params: URLSearchParams): z.output<typeof overviewQuerySchema> {
  return parseStrictQuery(overviewQuerySchema, params, 'errors.query.overviewUnknown');
}

export const OVERVIEW_QUERY_PARAMETERS = [
  { name: 'table', required: true, description: 'Which of the home page\'s figures: the stages strip, the tables by level, county, year, zone, group, type and key area, or the Sankey\'s links', schema: { type: 'string', enum: [...OVERVIEW_TABLES] } },
  { name: 'format', description: 'json (default: amounts as strings of integer fen) or csv (UTF-8 with BOM, amounts in yuan with two decimals)', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
];

/** A column: `…Fen` columns are amounts (fen in JSON; in CSV, yuan with two decimals under a `…_yuan` header). */
export interface OverviewTable {
  table: OverviewTableName;
  columns: string[];
  rows: Record<string, string | bigint | null>[];
}

const isAmount = (column: string) => column.endsWith('Fen');

/** The name a Sankey node is shown by, in one language. */
export function sankeyNodeName(key: string, names: ChainSankeyDto['names'], m: Messages, locale: 'zh' | 'en'): string {
  const [prefix, rest = ''] = key.split(/:(.*)/s) as [string, string?];
  const s = m.citizen.sankey;
  if (prefix === 'level') return s.levelNode.replace('{level}', m.level[rest as FundLevel]);
  if (prefix === 'held') return s.held[rest as HolderStage];
  if (prefix === 'returned-by') return s.returnedBy[rest as HolderStage];
  if (prefix === 'returned-to') return s.returnedTo[rest as HolderStage];
  if (prefix === 'unlisted') return s.unlisted[rest as HolderStage];
  if (key === 'group:-') return s.noGroup;
  const named = names[key];
  return named ? (locale === 'en' ? named.nameEn : named.name) : key;
}

const zh = messagesFor('zh');
const en = messagesFor('en');

const named = (rows: NamedSum[], table: OverviewTableName): OverviewTable => ({
  table,
  columns: ['code', 'name', 'nameEn', 'toProjectsFen'],
  rows: rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.nameEn, toProjectsFen: r.fen })),
});

const stageColumns = HOME_STAGES.map((s) => `${s}Fen`);

/** One of the home page's tables, from the answers the page itself renders. */
export function overviewTable(table: OverviewTableName, money: MoneyOverviewDto, sankey: ChainSankeyDto): OverviewTable {
  switch (table) {
    case 'stages':
      return {
        table,
        columns: ['stage', 'name', 'nameEn', 'amountFen'],
        rows: HOME_STAGES.map((s) => ({ stage: s, name: zh.citizen.stage[s], nameEn: en.citizen.stage[s], amountFen: totalOf(money.byStage[s]) })),
      };
    case 'by-level':
      return {
        table,
        columns: ['level', 'name', 'nameEn', ...stageColumns],
        rows: [
          ...FUND_LEVELS.map((l) => ({ level: l, name: zh.level[l], nameEn: en.level[l], ...Object.fromEntries(HOME_STAGES.map((s) => [`${s}Fen`, money.byStage[s][l]])) })),
          { level: 'total', name: zh.citizen.total, nameEn: en.citizen.total, ...Object.fromEntries(HOME_STAGES.map((s) => [`${s}Fen`, totalOf(money.byStage[s])])) },
        ],
      };
    case 'by-county':
      return {
        table,
        columns: ['code', 'name', 'nameEn', ...FUND_LEVELS.map((l) => `${l}Fen`), 'receivedFromAboveFen', 'toProjectsFen'],
        rows: money.counties.map((c) => ({
          code: c.code,
          name: c.name,
          nameEn: c.nameEn,
          ...Object.fromEntries(FUND_LEVELS.map((l) => [`${l}Fen`, c.byLevel[l]])),
          receivedFromAboveFen: c.fen,
          toProjectsFen: c.toProjectsFen,
        })),
      };
    case 'by-year':
      return { table, columns: ['year', ...stageColumns], rows: money.years.map((y) => ({ year: y.year, ...Object.fromEntries(HOME_STAGES.map((s) => [`${s}Fen`, y.byStage[s]])) })) };
    case 'by-zone':
      return named(money.byZone, table);
    case 'by-group':
      return named(money.byGroup, table);
    case 'by-type':
      return named(money.byType, table);
    case 'by-key-area':
      return named(money.byKeyArea, table);
    case 'sankey':
      return {
        table,
        columns: ['from', 'fromName', 'fromNameEn', 'to', 'toName', 'toNameEn', 'amountFen'],
        rows: sankey.graph.links.map((l) => ({
          from: l.from,
          fromName: sankeyNodeName(l.from, sankey.names, zh, 'zh'),
          fromNameEn: sankeyNodeName(l.from, sankey.names, en, 'en'),
          to: l.to,
          toName: sankeyNodeName(l.to, sankey.names, zh, 'zh'),
          toNameEn: sankeyNodeName(l.to, sankey.names, en, 'en'),
          amountFen: l.fen,
        })),
      };
  }
}

/** snake_case, an amount's `Fen` read as `_yuan`: "receivedFromAboveFen" → "received_from_above_yuan". */
const csvHeader = (column: string) => (isAmount(column) ? `${column.slice(0, -3)}Yuan` : column).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Text neutralised against formulas (./csv), amounts as numbers in yuan with two decimals, exactly. */
export function overviewCsv(t: OverviewTable): string {
  const rows = t.rows.map((r) => t.columns.map((c): CsvValue => (isAmount(c) ? (typeof r[c] === 'bigint' ? csvNumber(fromScaled(r[c], 2)) : null) : (r[c] as string | null))));
  return toCsv([t.columns.map(csvHeader), ...rows]);
}

export interface OverviewJson {
  table: OverviewTableName;
  dataAsOf: string | null;
  includesDemo: boolean;
  columns: string[];
  rows: Record<string, string | null>[];
}

/** Amounts as strings of integer fen (bigint is not JSON). */
export function overviewJson(t: OverviewTable, meta: { dataAsOf: string | null; includesDemo: boolean }): OverviewJson {
  return { table: t.table, ...meta, columns: t.columns, rows: t.rows.map((r) => Object.fromEntries(t.columns.map((c) => [c, r[c] === null || r[c] === undefined ? null : String(r[c])]))) };
}
