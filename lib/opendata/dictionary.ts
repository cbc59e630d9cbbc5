import { OVERVIEW_TABLES } from '@/lib/api/overview-tables';
import { targetsSchema } from '@/lib/api/targets-table';
import { FACTOR_DIRECTIONS, FUND_LEVELS, HOLDER_KINDS, INDICATOR_COMPARATORS, PROJECT_TYPE_NAMES, PROJECT_TYPES, PUBLICATION_KINDS, PUBLICATION_SUBJECT_TYPES, TRANSFER_KINDS } from '@/lib/domain/vocabulary';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';
import type { CodeListId } from './fields';

/**
 * The data dictionary (/data): every dataset the portal publishes, where to get it, how often it
 * changes and which public date says how fresh it is; the code lists its fields use, taken from the
 * vocabulary and schemas themselves; and the API's changelog. Field meanings are in ./fields.ts.
 */

export interface Bilingual {
  zh: string;
  en: string;
}

/** Which public date a dataset's 数据截至 is (lib/dal/public/data-dates.ts reads each). */
export type AsOfSource = 'transfers' | 'publications' | 'allocations' | 'indicators' | 'documents' | 'plan' | 'now';

export type Format = 'json' | 'csv' | 'atom' | 'xml' | 'file';

export interface Dataset {
  id: string;
  title: Bilingual;
  description: Bilingual;
  /** Addresses, each with its format; `{…}` marks a part to fill in. */
  addresses: { href: string; format: Format }[];
  /** The OpenAPI paths whose answer's fields are this dataset's (ordered). */
  openapi: string[];
  frequency: Bilingual;
  asOf: AsOfSource;
  /** An exchange standard the dataset follows: its fields are the standard's. */
  standard?: { name: string; href: string };
}

const b = (zh: string, en: string): Bilingual => ({ zh, en });

const ON_MONEY = b('资金每下达、拨付、支付或冲销一笔，即在同一事务中更新（实时）。', 'Updated in the same transaction as each allocation, payment, disbursement or reversal (real time).');
const ON_PUBLISH = b('每次公开或更正时即时更新（由业务事件自动发布）。', 'Updated whenever something is published or corrected (written by the event itself).');

export const DATASETS: Dataset[] = [
  {
    id: 'plan',
    title: b('规划基础数据', 'Plan reference data'),
    description: b('《阳泉市国土空间生态修复规划（2021—2035年）》的修复分区、重点区域、重点工程和规划指标。', 'The zones, key areas, engineering groups and indicators of the restoration plan (2021–2035).'),
    addresses: [{ href: '/api/public/plan', format: 'json' }],
    openapi: ['/api/public/plan'],
    frequency: b('随规划修订更新。', 'Changes only when the plan is revised.'),
    asOf: 'plan',
  },
  {
    id: 'overview',
    title: b('资金去向汇总表', 'Where the money went (summary tables)'),
    description: b('首页的各张汇总表和桑基图的连线：按到达阶段、资金级次、区县、年度、分区、工程、类型和重点区域汇总的已公开资金。', "The home page's tables and the Sankey's links: published money by stage, level, county, year, zone, group, type and key area."),
    addresses: [
      { href: '/api/public/overview?table={table}&format=json', format: 'json' },
      { href: '/api/public/overview?table={table}&format=csv', format: 'csv' },
    ],
    openapi: ['/api/public/overview'],
    frequency: ON_MONEY,
    asOf: 'transfers',
  },
  {
    id: 'transfers',
    title: b('资金拨付明细', 'Transfers (the chain of funds)'),
    description: b('已公开的每一笔资金：谁拨给谁、多少、哪项资金、文号和日期，可按单位、资金、项目和区县筛选，分页。', 'Every published line: who sent how much to whom, from which programme, with its document number and date; filtered by party, programme, project and county, paged.'),
    addresses: [
      { href: '/api/public/transfers', format: 'json' },
      { href: '/api/public/transfers?format=csv', format: 'csv' },
    ],
    openapi: ['/api/public/transfers'],
    frequency: ON_MONEY,
    asOf: 'transfers',
  },
  {
    id: 'bulk-transfers',
    title: b('资金拨付明细（全量下载）', 'Transfers (bulk download)'),
    description: b('全部已公开资金明细，一次下载，逐行流式输出，不分页；字段与资金拨付明细相同。中途出错时以错误标记结束（JSON 最后一项为 {"error":…} 且不闭合数组；CSV 最后一行以 #error 开头）。', 'Every published line in one download, streamed row by row, no paging; the same fields as the transfers list. A failure midway ends it with a marker (JSON: a last {"error":…} element and no closing bracket; CSV: a last line starting #error).'),
    addresses: [
      { href: '/api/public/bulk/transfers?format=csv', format: 'csv' },
      { href: '/api/public/bulk/transfers?format=json', format: 'json' },
    ],
    openapi: ['/api/public/bulk/transfers'],
    frequency: ON_MONEY,
    asOf: 'transfers',
  },
  {
    id: 'publications',
    title: b('公开记录', 'Publications'),
    description: b('全链条公开的每一条记录（资金目录、管理制度、申报指南、分配公式、分配结果、绩效评价结果、规划指标监测值）及其公开内容和所有版本。', 'Every disclosure along the chain (catalogue, rules, guidelines, formulas, allocation results, evaluation results, indicator values) with its public content and every version.'),
    addresses: [{ href: '/api/public/publications', format: 'json' }],
    openapi: ['/api/public/publications'],
    frequency: ON_PUBLISH,
    asOf: 'publications',
  },
  {
    id: 'bulk-publications',
    title: b('公开记录（全量下载）', 'Publications (bulk download)'),
    description: b('所有公开记录的所有公开版本，一次下载，逐条流式输出；CSV 中公开内容为一列 JSON 文本。', 'Every public version of every publication in one download, streamed; in CSV the content is one column of JSON text.'),
    addresses: [
      { href: '/api/public/bulk/publications?format=json', format: 'json' },
      { href: '/api/public/bulk/publications?format=csv', format: 'csv' },
    ],
    openapi: ['/api/public/bulk/publications'],
    frequency: ON_PUBLISH,
    asOf: 'publications',
  },
  {
    id: 'allocations',
    title: b('因素法分配', 'Factor-method allocations'),
    description: b('已公开的分配批次：公式、因素、权重、各对象的因素值和分配结果，可据此复算。', 'Published allocation batches: formula, factors, weights, each recipient’s values and result, enough to recompute them.'),
    addresses: [
      { href: '/api/public/allocations', format: 'json' },
      { href: '/api/public/allocations/{batchId}', format: 'json' },
      { href: '/api/public/allocations/{batchId}?format=csv', format: 'csv' },
    ],
    openapi: ['/api/public/allocations', '/api/public/allocations/{batchId}'],
    frequency: b('分配批次经审批下达时发布。', 'Published when a batch is approved and issued.'),
    asOf: 'allocations',
  },
  {
    id: 'targets',
    title: b('规划指标监测', 'Plan targets'),
    description: b('九项规划指标的逐年监测值与 2025、2035 年目标对照，以及进度判定。', "The plan's nine indicators: published values by year against the 2025 and 2035 targets, and progress."),
    addresses: [
      { href: '/api/public/targets', format: 'json' },
      { href: '/api/public/targets?format=csv', format: 'csv' },
    ],
    openapi: ['/api/public/targets'],
    frequency: b('责任单位填报、第二人审核通过后发布，通常每年一次。', 'Published when a reported value is approved by a second person, usually yearly.'),
    asOf: 'indicators',
  },
  {
    id: 'feeds',
    title: b('更新订阅', 'Change feeds'),
    description: b('公开与更正的订阅，可按资金、区县、项目和日期筛选。', 'Publications and corrections as feeds, filtered by programme, county, project and date.'),
    addresses: [
      { href: '/api/public/feed/json', format: 'json' },
      { href: '/api/public/feed/atom', format: 'atom' },
    ],
    openapi: ['/api/public/feed/json'],
    frequency: ON_PUBLISH,
    asOf: 'publications',
  },
  {
    id: 'documents',
    title: b('公开文件', 'Published documents'),
    description: b('专项资金的管理制度和申报指南等原始文件，附 SHA-256 校验值（见资金目录）。', 'The original files of programmes (rules, guidelines), with their SHA-256 (see the catalogue).'),
    addresses: [{ href: '/api/public/documents/{id}', format: 'file' }],
    openapi: [],
    frequency: ON_PUBLISH,
    asOf: 'documents',
  },
  {
    id: 'iati',
    title: b('IATI 活动数据', 'IATI activities'),
    description: b('专项资金和项目作为 IATI 2.03 活动，含参与单位、预算和逐笔交易，可与其他出资方的数据对接。', 'Programmes and projects as IATI 2.03 activities, with participating organisations, budgets and transactions, to join with other funders’ data.'),
    addresses: [{ href: '/api/public/iati/activities.xml', format: 'xml' }],
    openapi: [],
    frequency: ON_MONEY,
    asOf: 'transfers',
    standard: { name: 'IATI 2.03', href: 'https://iatistandard.org/en/iati-standard/203/' },
  },
  {
    id: 'oc4ids',
    title: b('OC4IDS 项目数据', 'OC4IDS projects'),
    description: b('项目按开放基础设施数据标准（OC4IDS）输出：参与方、按来源的预算、状态、地点、文件和绩效评价。', 'Projects as Open Contracting for Infrastructure Data Standard packages: parties, budget by source, status, locations, documents and evaluation.'),
    addresses: [
      { href: '/api/public/oc4ids/projects.json', format: 'json' },
      { href: '/api/public/oc4ids/projects/{code}', format: 'json' },
    ],
    openapi: [],
    frequency: ON_MONEY,
    asOf: 'transfers',
    standard: { name: 'OC4IDS', href: 'https://standard.open-contracting.org/infrastructure/latest/en/' },
  },
  {
    id: 'health',
    title: b('服务状态', 'Service status'),
    description: b('数据库是否可用、迁移版本和审计哈希链的最新值。', 'Whether the database answers, its migration level and the head of the audit chain.'),
    addresses: [{ href: '/api/health', format: 'json' }],
    openapi: ['/api/health'],
    frequency: b('每次请求时生成。', 'Computed on every request.'),
    asOf: 'now',
  },
  {
    id: 'feedback',
    title: b('公众留言与答复', "Citizens' questions and answers"),
    description: b('经版主公开的提问、建议和举报及其答复（含各次更正），可按类型筛选；按查询码可查单条办理进度。留言人联系方式、照片元数据从不公开。', 'Questions, suggestions and reports a moderator published, with every version of their answers, filtered by kind; one item\'s progress by its tracking code. The contact and photo metadata are never published.'),
    addresses: [
      { href: '/api/public/feedback', format: 'json' },
      { href: '/api/public/feedback/{trackingCode}', format: 'json' },
    ],
    openapi: ['/api/public/feedback', '/api/public/feedback/{trackingCode}'],
    frequency: b('留言公开、答复或办结时即时更新。', 'Updated as soon as an item is published, answered or closed.'),
    asOf: 'now',
  },
  {
    id: 'feedback-stats',
    title: b('留言办理统计', 'Answering statistics'),
    description: b('各承办单位按月的受理数、按期答复数、逾期答复数和当前逾期数。', 'Per organisation and month: items assigned, answered on time, answered late and overdue now.'),
    addresses: [
      { href: '/api/public/feedback/stats', format: 'json' },
      { href: '/api/public/feedback/stats?format=csv', format: 'csv' },
    ],
    openapi: ['/api/public/feedback/stats'],
    frequency: b('实时计算。', 'Computed on request.'),
    asOf: 'now',
  },
];

/** Each code list: its codes from the source of truth, and their names in the reader's language. */
export const CODE_LISTS: Record<CodeListId, { codes: readonly string[]; names: (m: Messages, locale: Locale) => Record<string, string> }> = {
  fundLevel: { codes: FUND_LEVELS, names: (m) => m.level },
  transferKind: { codes: TRANSFER_KINDS.filter((k) => k !== 'appropriation'), names: (m) => m.ledger.kind },
  publicationKind: { codes: PUBLICATION_KINDS, names: (m) => m.disclosure.kind },
  subjectType: { codes: PUBLICATION_SUBJECT_TYPES, names: (m) => m.data.codes.subjectType },
  partyKind: { codes: HOLDER_KINDS, names: (m) => m.data.codes.partyKind },
  projectType: { codes: PROJECT_TYPES, names: (_m, locale) => Object.fromEntries(PROJECT_TYPES.map((t) => [t, PROJECT_TYPE_NAMES[t][locale === 'en' ? 1 : 0]])) },
  comparator: { codes: INDICATOR_COMPARATORS, names: (m) => m.comparator },
  trackStatus: { codes: targetsSchema.shape.indicators.element.shape.status.options, names: (m) => m.targets.statusName },
  overviewTable: { codes: OVERVIEW_TABLES, names: (m) => m.data.codes.overviewTable },
  factorDirection: { codes: FACTOR_DIRECTIONS, names: (m) => m.formula.directions },
};

/** What changed in the public API, newest first. */
export const API_CHANGELOG: { date: string; change: Bilingual }[] = [
  {
    date: '2026-11-30',
    change: b('新增公众留言：POST /api/public/feedback 提交（超过频率时需回答验证问题），/api/public/feedback、/api/public/feedback/{trackingCode} 查询，/api/public/feedback/stats 办理统计；项目详情新增公众评价。', "Added citizens' feedback: POST /api/public/feedback to submit (a challenge past the gentle rate), /api/public/feedback and /api/public/feedback/{trackingCode} to read, /api/public/feedback/stats; project details now carry citizens' ratings."),
  },
  {
    date: '2026-11-30',
    change: b('新增全量下载 /api/public/bulk/transfers 和 /api/public/bulk/publications（CSV 或 JSON，流式输出）及本数据字典。', 'Added the bulk downloads /api/public/bulk/transfers and /api/public/bulk/publications (CSV or JSON, streamed) and this data dictionary.'),
  },
  { date: '2026-11-30', change: b('新增 /api/public/targets：规划指标监测值与目标对照（JSON、CSV）。', 'Added /api/public/targets: plan indicators against their targets (JSON, CSV).') },
  { date: '2026-11-30', change: b('新增 /api/public/overview：首页各汇总表和桑基图连线（JSON、CSV）。', "Added /api/public/overview: the home page's tables and Sankey links (JSON, CSV).") },
  { date: '2026-11-30', change: b('新增 /api/public/transfers：已公开的每笔资金，可筛选、分页（JSON、CSV）。', 'Added /api/public/transfers: every published line, filtered and paged (JSON, CSV).') },
  { date: '2026-11-30', change: b('新增 /api/public/publications：公开记录及其公开内容，分页，可取所有版本。', 'Added /api/public/publications: publications with their public content, paged, every version on request.') },
  { date: '2026-11-28', change: b('新增更新订阅 /api/public/feed/json 和 /api/public/feed/atom，以及公开文件下载 /api/public/documents/{id}。', 'Added the feeds /api/public/feed/json and /api/public/feed/atom, and document downloads /api/public/documents/{id}.') },
  { date: '2026-11-28', change: b('首次发布：/api/public/plan、/api/public/allocations、/api/public/allocations/{batchId}、/api/health 和 /api/openapi.json。', 'First release: /api/public/plan, /api/public/allocations, /api/public/allocations/{batchId}, /api/health and /api/openapi.json.') },
];
