/**
 * What every field of every public JSON answer means, by OpenAPI path and field path (as
 * lib/opendata/schema-fields.ts names them: `a.b`, `a[].b`, `[].b` for a top-level array). The
 * types come from the schemas themselves; this says the meaning (in Chinese and English), the unit
 * and the code list. tests/unit/data-dictionary.test.ts fails for any field of buildOpenApi() that
 * has no entry here, so a new field is documented when it is added.
 *
 * To document a new endpoint: add `FIELDS['/api/public/<path>'] = { ...fields }`, reusing a group
 * below through `at(prefix, GROUP)` where its records have the same shape.
 */

export type Unit = 'fen' | 'date' | 'datetime' | 'basisPoints' | 'km2' | 'indicatorUnit' | 'year' | 'path' | 'sha256' | 'decimal' | 'count';
export type CodeListId = 'fundLevel' | 'transferKind' | 'publicationKind' | 'subjectType' | 'partyKind' | 'projectType' | 'comparator' | 'trackStatus' | 'overviewTable' | 'factorDirection';

export interface FieldDoc {
  zh: string;
  en: string;
  unit?: Unit;
  codes?: CodeListId;
}

type Fields = Record<string, FieldDoc>;

const f = (zh: string, en: string, more: Omit<FieldDoc, 'zh' | 'en'> = {}): FieldDoc => ({ zh, en, ...more });

/** A group's fields under a prefix: `at('transfers[]', LINE)` gives `transfers[].transferId`, … */
export function at(prefix: string, group: Fields): Fields {
  return Object.fromEntries(Object.entries(group).map(([k, v]) => [prefix ? `${prefix}.${k}` : k, v]));
}

const NAMED: Fields = {
  code: f('编码', 'Code'),
  name: f('名称（中文）', 'Name (Chinese)'),
  nameEn: f('英文名称', 'Name (English)'),
};

/** A sender or recipient of a published line. */
const PARTY: Fields = {
  ...NAMED,
  code: f('公开编码：组织代码、项目编号或收款单位编码', 'Public code: organisation code, project code or payee code'),
  kind: f('类型：组织、项目或收款单位', 'Kind: organisation, project or payee', { codes: 'partyKind' }),
};

/** A party as a published document names it: also where it lies. */
const PARTY_IN_COUNTY: Fields = {
  ...PARTY,
  countyCode: f('所在区县代码；不在某一区县内的为空', 'Code of the county it lies in; null above or outside a county'),
};

const WITHHELD: Fields = {
  basisCode: f('不予公开所依据的法律依据编码', 'Code of the legal basis of the withholding'),
  basis: f('法律依据名称（中文）', 'Legal basis (Chinese)'),
  basisEn: f('法律依据名称（英文）', 'Legal basis (English)'),
  items: f('依此依据不予公开的事项数', 'Items withheld under this basis', { unit: 'count' }),
  amountFen: f('不予公开的金额合计；事项少于公开门槛时为空，以免推算出单笔金额', 'Sum withheld; null below the threshold, so no single amount can be worked out', { unit: 'fen' }),
};

/** One published line as the transfers list gives it. */
const TRANSFER: Fields = {
  transferId: f('资金流水号，在所有接口和页面中相同', 'Transfer id, the same in every answer and page'),
  kind: f('类型：下达、拨付、支付或冲销', 'Kind: allocation, payment, disbursement or reversal', { codes: 'transferKind' }),
  date: f('资金下达、拨付或支付的日期', 'Date the money moved', { unit: 'date' }),
  docNumber: f('文号', 'Document number'),
  programme: f('所属专项资金', 'The programme the money belongs to'),
  'programme.code': f('专项资金编码', 'Programme code'),
  'programme.name': f('专项资金名称', 'Programme name'),
  'programme.level': f('资金级次：中央、省级、市级或县级', 'Fund level: central, provincial, municipal or county', { codes: 'fundLevel' }),
  from: f('拨出方（冲销时为退回资金的一方）', 'Sender (for a reversal, the one the money goes back from)'),
  ...at('from', PARTY),
  to: f('接收方', 'Recipient'),
  ...at('to', PARTY),
  projectCode: f('所涉项目的编号；与项目无关的为空', 'Code of the project it concerns; null when none'),
  amountFen: f('金额（整数分，以字符串表示；冲销也为正数）', 'Amount in integer fen as a string (a reversal too is positive)', { unit: 'fen' }),
  reversesTransferId: f('冲销所撤回的原资金流水号', 'For a reversal, the transfer it undoes'),
  publicationUrl: f('公开这笔资金的分配结果页面', 'The allocation result that publishes this line', { unit: 'path' }),
};

/** One line of a transfer document as published (inside a publication's content). */
const DOCUMENT_LINE: Fields = {
  transferId: TRANSFER.transferId!,
  kind: TRANSFER.kind!,
  date: TRANSFER.date!,
  docNumber: TRANSFER.docNumber!,
  programmeCode: TRANSFER['programme.code']!,
  programmeName: TRANSFER['programme.name']!,
  programmeLevel: TRANSFER['programme.level']!,
  from: TRANSFER.from!,
  ...at('from', PARTY_IN_COUNTY),
  to: TRANSFER.to!,
  ...at('to', PARTY_IN_COUNTY),
  projectCode: TRANSFER.projectCode!,
  amountFen: TRANSFER.amountFen!,
  reversesTransferId: TRANSFER.reversesTransferId!,
};

const PUBLICATION: Fields = {
  id: f('公开记录编号（每个版本一个）', 'Publication id (one per version)'),
  url: f('公开页面，含所有版本及差异', 'Its page, with every version and the differences', { unit: 'path' }),
  kind: f('公开事项类型', 'What is disclosed', { codes: 'publicationKind' }),
  subjectType: f('公开对象类型', 'Type of the subject', { codes: 'subjectType' }),
  subjectId: f('公开对象编号', 'Id of the subject'),
  version: f('版本号，从 1 起；更正为新版本', 'Version, from 1; a correction is a new version'),
  title: f('标题', 'Title'),
  notice: f('公开说明', 'Notice'),
  changeReason: f('更正理由；第 1 版为空', 'Reason for the correction; null for version 1'),
  docNumber: f('文号；没有文号的为空', 'Document number; null when none'),
  dataAsOf: f('数据截至日期', 'Data as of', { unit: 'date' }),
  publishedAt: f('发布时间（UTC）', 'Published at (UTC)', { unit: 'datetime' }),
  issuer: f('发布单位', 'Issuing organisation'),
  ...at('issuer', NAMED),
  contentHash: f('公众所见内容和说明的 SHA-256 校验值', 'SHA-256 of the content and notice as the public sees them', { unit: 'sha256' }),
  redacted: f('是否有部分内容依法不予公开（见 content.withheld）', 'Whether parts are withheld (see content.withheld)'),
  isDemo: f('是否为演示数据', 'Whether this is demo data'),
  content: f('公开内容（JSON），已去除不予公开的部分', 'The public content (JSON), withheld parts removed'),
  'content.docNumber': f('文件的文号', "The document's number"),
  'content.sender': f('发文单位', 'The sender of the document'),
  ...at('content.sender', PARTY),
  'content.lines': f('文件的每笔资金；不予公开的不列出', 'Every line of the document; withheld ones are absent'),
  ...at('content.lines[]', DOCUMENT_LINE),
  'content.withheld': f('按法律依据列示的不予公开事项', 'What is withheld, by legal basis'),
  ...at('content.withheld[]', WITHHELD),
};

const PAGING: Fields = {
  page: f('页码，从 1 起', 'Page number, from 1'),
  pageSize: f('每页条数', 'Rows per page', { unit: 'count' }),
  total: f('符合筛选条件的总条数（所有页）', 'Rows matching the filters, over all pages', { unit: 'count' }),
  pages: f('总页数', 'Number of pages', { unit: 'count' }),
};

const INDICATOR: Fields = {
  ...NAMED,
  code: f('规划指标编码', 'Indicator code'),
  unit: f('计量单位', 'Unit of measurement'),
  comparator: f('目标的比较方式：不低于、不高于或维持在', 'How the target is met: at least, at most or kept at', { codes: 'comparator' }),
  baseline2020: f('2020 年基期值；规划未载明的为空', '2020 baseline; null where the plan states none', { unit: 'indicatorUnit' }),
  target2025: f('2025 年目标值', '2025 target', { unit: 'indicatorUnit' }),
  target2035: f('2035 年目标值', '2035 target', { unit: 'indicatorUnit' }),
};

/** An indicator with its published values and progress, as /api/public/targets lists them. */
const TARGET_INDICATOR: Fields = {
  ...INDICATOR,
  responsibleOrg: f('监测值的责任单位', 'Organisation responsible for the values'),
  ...at('responsibleOrg', NAMED),
  status: f('进度', 'Progress', { codes: 'trackStatus' }),
  targetYear: f('最新值所对照的目标年份', 'Target year the latest value answers to', { unit: 'year' }),
  expected: f('最新年份按进度应达的数值', 'Where the straight path to the target stands in the latest year', { unit: 'indicatorUnit' }),
  reports: f('逐年公开的监测值（最新版本）', 'Published values by year (latest versions)'),
  ...at('reports[]', {
    year: f('年度', 'Year', { unit: 'year' }),
    value: f('监测值', 'Value', { unit: 'indicatorUnit' }),
    source: f('数据来源', 'Source'),
    method: f('测算方法', 'Method'),
    measuredOn: f('测算日期', 'Measured on', { unit: 'date' }),
    version: f('版本号', 'Version'),
    changeReason: f('更正理由', 'Reason for the correction'),
    publicationId: f('公开记录编号', 'Publication id'),
    publishedAt: f('发布时间', 'Published at', { unit: 'datetime' }),
  }),
  projectTypes: f('作用于该指标的项目类型', 'Project types that act on the indicator', { codes: 'projectType' }),
  projects: f('相关的公开项目（部分）', 'Related public projects (first ones)'),
  ...at('projects[]', { code: f('项目编号', 'Project code'), name: f('项目名称', 'Project name') }),
  projectCount: f('相关公开项目总数', 'Related public projects in all', { unit: 'count' }),
};

/** Cursor paging (limit/cursor) of the long lists. */
const CURSOR: Fields = {
  limit: f('本次请求的条数上限（列表至多这么多条）', 'Rows asked for (the list has at most this many)', { unit: 'count' }),
  next: f('下一页的游标，作为 cursor 参数传入；最后一页为空', 'Cursor of the following page, to pass as `cursor`; null on the last page'),
};

/** Sums by fund level, each integer fen as a string. */
const BY_LEVEL: Fields = {
  central: f('中央资金', 'Central funds', { unit: 'fen' }),
  provincial: f('省级资金', 'Provincial funds', { unit: 'fen' }),
  municipal: f('市级资金', 'Municipal (city) funds', { unit: 'fen' }),
  county: f('县级资金', 'County funds', { unit: 'fen' }),
};

/** A programme's catalogue entry (专项资金目录). */
const PROGRAMME_ENTRY: Fields = {
  code: f('专项资金编码，长期不变', 'Programme code, stable'),
  name: f('专项资金名称', 'Programme name'),
  level: TRANSFER['programme.level']!,
  fiscalYear: f('预算年度', 'Fiscal year', { unit: 'year' }),
  managingOrg: f('主管部门（中文）；未载明的为空', 'Managing department (Chinese); null when not stated'),
  managingOrgEn: f('主管部门（英文）；未载明的为空', 'Managing department (English); null when not stated'),
  totalFen: f('资金总额；会推算出不予公开金额时为空', 'Total; null when a withheld amount would follow from it', { unit: 'fen' }),
  purpose: f('资金用途', 'What the money is for'),
  isDemo: PUBLICATION.isDemo!,
  url: f('专项资金页面', 'Its page', { unit: 'path' }),
};

const PROGRAMME_SUMMARY: Fields = {
  ...PROGRAMME_ENTRY,
  docNumber: f('目录条目的文号；没有的为空', 'Document number of the catalogue entry; null when none'),
  publishedAt: f('目录条目的发布日期', 'Date the catalogue entry was published', { unit: 'date' }),
  version: f('目录条目的版本号', 'Version of the catalogue entry'),
  documents: f('管理办法和申报指南文件', 'Management rules and application guidelines'),
  ...at('documents[]', {
    kind: f('文件类型：管理办法（management_rules）或申报指南（application_guideline）', 'Kind: management_rules or application_guideline'),
    documentId: f('文件编号', 'Document id'),
    filename: f('文件名', 'File name'),
    sha256: f('文件的 SHA-256 校验值', 'SHA-256 of the file', { unit: 'sha256' }),
    byteSize: f('文件大小（字节）', 'Size in bytes', { unit: 'count' }),
    url: f('下载地址', 'Download address', { unit: 'path' }),
  }),
};

/** A public project as the projects list gives it. */
const PROJECT_SUMMARY: Fields = {
  code: f('项目编号，长期不变（规划项目为规划编号）', 'Project code, stable (the plan code for plan projects)'),
  name: f('项目名称', 'Project name'),
  description: f('项目简介；没有的为空', 'Description; null when none'),
  town: f('所在乡镇；未载明的为空', 'Town it lies in; null when not stated'),
  type: f('项目类型', 'Project type'),
  'type.code': f('项目类型编码', 'Project type code', { codes: 'projectType' }),
  'type.name': f('项目类型名称（中文）', 'Project type (Chinese)'),
  'type.nameEn': f('项目类型名称（英文）', 'Project type (English)'),
  zone: f('所在生态修复分区；没有的为空', 'Its plan restoration zone; null when none'),
  ...at('zone', NAMED),
  keyArea: f('所在重点修复区域；没有的为空', 'Its plan key area; null when none'),
  ...at('keyArea', NAMED),
  group: f('所属重点工程；没有的为空', 'Its plan engineering group; null when none'),
  ...at('group', NAMED),
  implementingUnit: f('实施单位；未载明的为空', 'Implementing organisation; null when not stated'),
  ...at('implementingUnit', NAMED),
  countyCodes: f('所在区县的组织代码', 'Organisation codes of the counties it lies in'),
  plannedStart: f('计划开工日期', 'Planned start', { unit: 'date' }),
  plannedEnd: f('计划完工日期', 'Planned end', { unit: 'date' }),
  fromPlan: f('是否为规划所列项目', 'Whether it is a project of the plan'),
  isDemo: PUBLICATION.isDemo!,
  receivedFen: f('从区县收到的净额（已扣除冲销）', 'Net received from counties (reversals deducted)', { unit: 'fen' }),
  paidFen: f('支付给收款单位的净额（已扣除冲销）', 'Net paid on to payees (reversals deducted)', { unit: 'fen' }),
  levels: f('资金到达本项目的资金级次', 'Fund levels whose money reached it', { codes: 'fundLevel' }),
  latest: f('最近一笔公开资金的日期；没有的为空', 'Date of its latest public movement of money; null when none', { unit: 'date' }),
  stage: f('最新公开的项目阶段；没有的为空', 'Its latest public stage; null when none'),
  ...at('stage', { ...NAMED, code: f('阶段编码', 'Stage code') }),
  url: f('项目页面', 'Its page', { unit: 'path' }),
};

/** A published performance-evaluation result (绩效评价结果). */
const EVALUATION: Fields = {
  publicationId: f('该结果的公开记录编号（最新公开版本）', 'Publication id of this result (latest public version)'),
  version: f('版本号', 'Version'),
  projectCode: f('项目编号', 'Project code'),
  projectName: f('项目名称', 'Project name'),
  year: f('评价年度', 'Year evaluated', { unit: 'year' }),
  totalScore: f('总得分（满分 100）', 'Total score, out of 100', { unit: 'decimal' }),
  grade: f('等级：优（90 分及以上）、良（80 至 90 分）、中（60 至 80 分）、差（60 分以下）', 'Grade: excellent (90 or more), good (80 to under 90), fair (60 to under 80), poor (under 60)'),
  indicators: f('评价指标及得分', 'Evaluation indicators and their points'),
  ...at('indicators[]', {
    category: f('一级指标', 'First-level category'),
    subcategory: f('二级指标', 'Second-level category'),
    name: f('指标名称', 'Indicator name'),
    unit: f('计量单位', 'Unit of measurement'),
    weight: f('分值', 'Points available', { unit: 'decimal' }),
    direction: f('指标方向（越高越好或越低越好）', 'Direction (higher or lower is better)'),
    rule: f('评分规则', 'Scoring rule'),
    target: f('目标值；没有的为空', 'Target; null when none'),
    actual: f('实际完成值；没有的为空', 'Actual value; null when none'),
    points: f('得分；未评分的为空', 'Points scored; null when not scored', { unit: 'decimal' }),
    source: f('数据来源', 'Source of the value'),
    evidence: f('佐证材料', 'Supporting evidence'),
    'evidence[].filename': f('文件名', 'File name'),
    'evidence[].sha256': f('文件的 SHA-256 校验值', 'SHA-256 of the file', { unit: 'sha256' }),
  }),
  findings: f('发现的问题', 'Findings'),
  corrections: f('整改要求', 'Corrections required'),
  summary: f('评价结论摘要', 'Summary of the conclusion'),
  evaluatorOrganisation: f('评价机构（中文）；未载明的为空', 'Evaluating organisation (Chinese); null when not stated'),
  evaluatorOrganisationEn: f('评价机构（英文）；未载明的为空', 'Evaluating organisation (English); null when not stated'),
  approvedOn: f('结果批准日期', 'Date the result was approved', { unit: 'date' }),
  isDemo: PUBLICATION.isDemo!,
  redacted: PUBLICATION.redacted!,
  url: f('公开页面', 'The publication page', { unit: 'path' }),
};

/** A county with the money it received from the city. */
const COUNTY_SUMMARY: Fields = {
  code: f('区县（县级区划）的组织代码', 'Organisation code of the county or county-level district'),
  name: f('区县名称（中文）', 'County name (Chinese)'),
  nameEn: f('区县名称（英文）', 'County name (English)'),
  receivedFen: f('从市级收到的净额（各级资金，已扣除冲销）', 'Net received from the city, all fund levels, reversals deducted', { unit: 'fen' }),
  byLevel: f('收到金额按资金级次', 'Received, by fund level', { unit: 'fen' }),
  ...at('byLevel', BY_LEVEL),
};

/** A payee (contractor) a published line pays. */
const PAYEE_SUMMARY: Fields = {
  code: f('收款单位编码，长期不变', 'Payee code, stable'),
  name: f('收款单位名称（中文）', 'Payee name (Chinese)'),
  nameEn: f('收款单位名称（英文）', 'Payee name (English)'),
  receivedFen: f('收到的净额（已扣除冲销）', 'Net received (reversals deducted)', { unit: 'fen' }),
  url: f('收款单位页面', 'Its page', { unit: 'path' }),
};

const DATA_AS_OF: FieldDoc = f('所汇总资金的最晚日期；没有的为空', 'Latest date of the lines summed; null when none', { unit: 'date' });
const TRANSFERS_URL: FieldDoc = f('其公开资金在资金接口中的地址', 'Its published lines in the transfers API', { unit: 'path' });

/** A published citizen's item (公众留言) with its answers: never a contact or a reporter. */
const FEEDBACK_ITEM: Fields = {
  trackingCode: f('查询码', 'Tracking code'),
  kind: f('类型：提问 question、建议 suggestion、举报 report', 'Kind: question, suggestion or report'),
  status: f('办理状态：已收到、已转办、已答复、已办结、不予受理、已合并', 'Status: received, assigned, answered, closed, rejected, merged'),
  subject: f('留言针对的对象', 'What it is about'),
  'subject.type': f('对象类型：项目、资金、区县、公开信息或综合', 'Subject type: project, programme, county, publication or general'),
  'subject.code': f('对象的公开编码（公开信息为其编号）；综合为空', "The subject's public code (a publication's id); null for general"),
  'subject.name': f('对象名称', "The subject's name"),
  text: f('留言内容（原文，纯文本）', 'The message as written (plain text)'),
  receivedAt: f('收到时间', 'Received at', { unit: 'datetime' }),
  dueAt: f('答复期限', 'Answer due by', { unit: 'datetime' }),
  answeredAt: f('首次答复时间', 'First answered at', { unit: 'datetime' }),
  closedAt: f('办结时间', 'Closed at', { unit: 'datetime' }),
  overdue: f('是否已过期限仍未答复', 'Whether it is past its deadline without an answer'),
  organisation: f('承办单位', 'Answering organisation'),
  'organisation.code': f('单位编码', 'Organisation code'),
  'organisation.name': f('单位名称（中文）', 'Organisation (Chinese)'),
  'organisation.nameEn': f('单位名称（英文）', 'Organisation (English)'),
  answers: f('答复的各个版本，先早后晚；更正不覆盖原答复', 'Every version of the answer, oldest first; a correction never replaces the earlier one'),
  'answers[].body': f('答复内容', 'Answer'),
  'answers[].at': f('答复时间', 'Answered at', { unit: 'datetime' }),
  photos: f('留言附带的照片（已重新编码，无元数据）', 'Photos sent with it (re-encoded, no metadata)'),
  'photos[].url': f('照片地址', 'Photo address'),
  'photos[].width': f('宽度（像素）', 'Width (pixels)', { unit: 'count' }),
  'photos[].height': f('高度（像素）', 'Height (pixels)', { unit: 'count' }),
  'photos[].sha256': f('照片文件的 SHA-256', "The photo file's SHA-256", { unit: 'sha256' }),
};

export const FIELDS: Record<string, Fields> = {
  '/api/public/plan': {
    zones: f('六个生态修复分区', 'The six restoration zones'),
    ...at('zones[]', { ...NAMED, code: f('修复分区编码', 'Zone code'), areaKm2: f('面积', 'Area', { unit: 'km2' }) }),
    keyAreas: f('十三个重点修复区域', 'The thirteen key restoration areas'),
    ...at('keyAreas[]', { ...NAMED, code: f('重点区域编码', 'Key area code'), zoneCode: f('所在修复分区编码', 'Code of its zone') }),
    groups: f('七个重点工程', 'The seven key engineering groups'),
    ...at('groups[]', { ...NAMED, code: f('重点工程编码', 'Group code'), projects: f('规划项目数', 'Projects in the plan', { unit: 'count' }) }),
    indicators: f('规划指标', 'Plan indicators'),
    ...at('indicators[]', INDICATOR),
  },
  '/api/public/allocations': {
    allocations: f('已公开的因素法分配结果，最新在前', 'Published factor-method allocations, newest first'),
    ...at('allocations[]', {
      batchId: f('分配批次编号', 'Batch id'),
      title: f('标题', 'Title'),
      programmeName: f('专项资金名称', 'Programme name'),
      fiscalYear: f('预算年度', 'Fiscal year', { unit: 'year' }),
      totalFen: f('分配总额；会推算出不予公开金额时为空', 'Total; null when a withheld amount would follow from it', { unit: 'fen' }),
      issuerName: f('发布单位', 'Issuing organisation'),
      docNumber: f('文号', 'Document number'),
      publishedAt: f('发布时间', 'Published at', { unit: 'datetime' }),
      version: f('版本号', 'Version'),
    }),
  },
  '/api/public/allocations/{batchId}': {
    version: f('分配结果的版本号', 'Version of the allocation result'),
    publishedAt: f('发布时间', 'Published at', { unit: 'datetime' }),
    contentHash: PUBLICATION.contentHash!,
    batch: f('分配批次', 'The batch'),
    ...at('batch', {
      id: f('批次编号', 'Batch id'),
      code: f('批次编码', 'Batch code'),
      title: f('标题', 'Title'),
      docNumber: f('文号', 'Document number'),
      programmeCode: f('专项资金编码', 'Programme code'),
      programmeName: f('专项资金名称', 'Programme name'),
      fiscalYear: f('预算年度', 'Fiscal year', { unit: 'year' }),
      totalFen: f('分配总额；会推算出不予公开金额时为空', 'Total; null when a withheld amount would follow from it', { unit: 'fen' }),
      inputsHash: f('全部输入（公式、因素值）的 SHA-256；有不予公开内容时不提供', 'SHA-256 of every input (formula, factor values); absent when lines are withheld', { unit: 'sha256' }),
      issuerCode: f('发布单位编码', 'Issuer code'),
      issuerName: f('发布单位名称', 'Issuer name'),
    }),
    formula: f('分配公式', 'The formula'),
    ...at('formula', {
      version: f('公式版本号', 'Formula version'),
      description: f('公式说明', 'Description'),
      changeReason: f('公式修改理由', 'Why the formula changed'),
      floorFen: f('每个对象的最低额', 'Floor per recipient', { unit: 'fen' }),
      capFen: f('每个对象的最高额', 'Cap per recipient', { unit: 'fen' }),
      setAsideBp: f('预留比例（万分之一）', 'Set-aside (basis points, 1/10,000)', { unit: 'basisPoints' }),
      defaultPerformanceValue: f('没有绩效评价结果时采用的绩效因素默认值', 'Performance value used where no evaluation exists', { unit: 'decimal' }),
      factors: f('分配因素', 'The factors'),
      ...at('factors[]', {
        code: f('因素编码', 'Factor code'),
        name: f('因素名称', 'Factor name'),
        unit: f('因素计量单位', 'Unit of the factor'),
        source: f('因素数据来源', 'Where the factor values come from'),
        direction: f('因素方向：越大分得越多或越少', 'Direction: more gives more, or less', { codes: 'factorDirection' }),
        weightBp: f('权重（万分之一）', 'Weight (basis points)', { unit: 'basisPoints' }),
        isPerformance: f('是否为绩效因素', 'Whether it is the performance factor'),
      }),
    }),
    recipients: f('分配对象及结果', 'Recipients and results'),
    ...at('recipients[]', {
      code: f('分配对象编码', 'Recipient code'),
      name: f('分配对象名称', 'Recipient name'),
      values: f('各因素的取值（因素编码 → 精确小数）；会推算出不予公开金额时为空', 'Factor values (factor code → exact decimal); empty when a withheld amount would follow', { unit: 'decimal' }),
      sources: f('各因素取值的来源（因素编码 → 来源）', 'Where each value came from (factor code → source)'),
      share: f('分配份额（精确分数）；有不予公开内容时不提供', 'Share (exact fraction); absent when lines are withheld'),
      computedFen: f('按公式计算的金额', 'Amount the formula gives', { unit: 'fen' }),
      finalFen: f('最终分配金额', 'Final amount', { unit: 'fen' }),
      adjustmentReason: f('调整理由；未调整的为空', 'Why it was adjusted; null when it was not'),
    }),
    defaultedPerformance: f('采用绩效默认值的对象和因素', 'Recipients and factors given the default performance value'),
    ...at('defaultedPerformance[]', { recipient: f('分配对象编码', 'Recipient code'), factor: f('因素编码', 'Factor code') }),
    performance: f('各对象绩效因素所用的已批准评价得分，或采用默认值', 'Per recipient: the approved evaluation score its performance factor used, or the default'),
    ...at('performance[]', {
      recipient: f('分配对象编码', 'Recipient code'),
      factor: f('因素编码', 'Factor code'),
      source: f('来源：评价、默认值或录入', 'Source: evaluation, default or entered'),
      score: f('评价得分', 'Evaluation score', { unit: 'decimal' }),
      year: f('评价年度', 'Year evaluated', { unit: 'year' }),
      evaluations: f('计入的评价数', 'Evaluations counted', { unit: 'count' }),
    }),
    withheld: f('按法律依据列示的不予公开事项', 'What is withheld, by legal basis'),
    ...at('withheld[]', WITHHELD),
  },
  '/api/public/publications': {
    ...PAGING,
    ...CURSOR,
    versions: f('latest：每个事项的最新版本；all：所有版本', 'latest: the newest version of each; all: every version'),
    publications: f('公开记录，最新在前', 'Publications, newest first'),
    ...at('publications[]', PUBLICATION),
  },
  '/api/public/transfers': {
    ...PAGING,
    ...CURSOR,
    transfers: f('已公开的每笔资金（公开资金链的每一段），最早在前', 'Every published line (the edges of the public chain), oldest first'),
    ...at('transfers[]', TRANSFER),
  },
  '/api/public/bulk/transfers': at('[]', TRANSFER),
  '/api/public/bulk/publications': at('[]', PUBLICATION),
  '/api/public/overview': {
    table: f('表名', 'Table name', { codes: 'overviewTable' }),
    dataAsOf: f('所汇总资金的最晚日期', 'Latest date of the lines summed', { unit: 'date' }),
    includesDemo: f('是否计入演示数据', 'Whether demo figures are counted'),
    columns: f('列名，按顺序；以 Fen 结尾的列为金额', 'Column names in order; a column ending in Fen is an amount'),
    rows: f('各行（列名 → 值；金额为整数分字符串）', 'Rows (column → value; amounts as integer fen strings)', { unit: 'fen' }),
  },
  '/api/public/targets': {
    dataAsOf: f('最新公开监测值的日期', 'Date of the latest published value', { unit: 'date' }),
    includesDemo: f('是否含演示数据', 'Whether demo values are included'),
    rule: f('“进度正常/滞后”的判定规则', 'The on-track / behind rule'),
    indicators: f('九项规划指标', "The plan's nine indicators"),
    ...at('indicators[]', TARGET_INDICATOR),
  },
  '/api/public/programmes': {
    programmes: f('专项资金目录的各项资金（所有年度，最新年度在前）', 'Programmes of the catalogue, every year, newest year first'),
    ...at('programmes[]', PROGRAMME_SUMMARY),
  },
  '/api/public/programmes/{code}': {
    ...PROGRAMME_ENTRY,
    disclosures: f('与该专项资金有关的公开事项（各事项最新版本）', 'Publications about the programme (latest version of each)'),
    ...at('disclosures[]', {
      kind: f('公开事项类型', 'What is disclosed', { codes: 'publicationKind' }),
      publicationId: f('公开记录编号', 'Publication id'),
      subjectType: f('公开对象类型', 'Type of the subject', { codes: 'subjectType' }),
      title: f('标题', 'Title'),
      version: f('版本号', 'Version'),
      publishedAt: f('发布时间（UTC）', 'Published at (UTC)', { unit: 'datetime' }),
      docNumber: f('文号；没有的为空', 'Document number; null when none'),
      url: f('公开页面', 'The publication page', { unit: 'path' }),
    }),
    documents: f('拨付该专项资金的各份资金文件（按文号）', 'Each transfer document (by document number) that moved its money'),
    ...at('documents[]', {
      publicationId: f('公开记录编号', 'Publication id'),
      docNumber: f('文号', 'Document number'),
      senderName: f('发文单位（中文）', 'Sender (Chinese)'),
      senderNameEn: f('发文单位（英文）', 'Sender (English)'),
      first: f('文件中最早一笔资金的日期', 'Date of its earliest line', { unit: 'date' }),
      last: f('文件中最晚一笔资金的日期', 'Date of its latest line', { unit: 'date' }),
      lines: f('文件所列资金笔数', 'Lines in the document', { unit: 'count' }),
      movedFen: f('文件拨付的净额', 'Net amount the document moved', { unit: 'fen' }),
    }),
    byStage: f('该专项资金到达资金链各环节的金额', 'Money of the programme that arrived at each stage of the chain', { unit: 'fen' }),
    'byStage.province': f('到达省级的金额', 'Arrived at the province', { unit: 'fen' }),
    'byStage.city': f('到达市级的金额', 'Arrived at the city', { unit: 'fen' }),
    'byStage.county': f('到达区县的金额', 'Arrived at the counties', { unit: 'fen' }),
    'byStage.project': f('到达项目的金额', 'Arrived at projects', { unit: 'fen' }),
    'byStage.payee': f('支付给收款单位的金额', 'Paid to payees', { unit: 'fen' }),
    dataAsOf: DATA_AS_OF,
    transfersUrl: TRANSFERS_URL,
  },
  '/api/public/projects': {
    ...CURSOR,
    projects: f('公开项目，按编号升序，筛选条件同项目页', 'Public projects by code (ascending), filtered as on the projects page'),
    ...at('projects[]', PROJECT_SUMMARY),
  },
  '/api/public/projects/{code}': {
    project: f('项目概况', 'The project'),
    ...at('project', PROJECT_SUMMARY),
    funding: f('按资金级次收到的资金及带来资金的文件', 'Money received, by fund level, with the documents that brought it'),
    ...at('funding[]', {
      level: TRANSFER['programme.level']!,
      receivedFen: f('该级次资金收到的净额', 'Net received at this fund level', { unit: 'fen' }),
      documents: f('带来该级次资金的文件', 'Documents that brought it'),
      'documents[].docNumber': f('文号', 'Document number'),
      'documents[].publicationId': f('公开记录编号', 'Publication id'),
      'documents[].date': f('资金日期', 'Date of the money', { unit: 'date' }),
    }),
    payees: f('项目支付的收款单位，金额大者在前', 'Payees it paid, most first'),
    ...at('payees[]', {
      code: PAYEE_SUMMARY.code!,
      name: PAYEE_SUMMARY.name!,
      nameEn: PAYEE_SUMMARY.nameEn!,
      paidFen: f('支付给该单位的净额', 'Net paid to it', { unit: 'fen' }),
      byLevel: f('支付金额按资金级次', 'Paid, by fund level', { unit: 'fen' }),
      ...at('byLevel', BY_LEVEL),
    }),
    timeline: f('项目各阶段的公开记录', 'The stages of the project as published'),
    ...at('timeline[]', {
      stage: f('阶段编码', 'Stage code'),
      stageName: f('阶段名称（中文）', 'Stage (Chinese)'),
      stageNameEn: f('阶段名称（英文）', 'Stage (English)'),
      at: f('时间（UTC）', 'When (UTC)', { unit: 'datetime' }),
      organisationName: f('办理单位（中文）', 'Organisation acting (Chinese)'),
      organisationNameEn: f('办理单位（英文）；没有的为空', 'Organisation acting (English); null when none'),
    }),
    evaluations: f('已公开的绩效评价结果，最新年度在前（全文见 /api/public/projects/{code}/evaluations）', 'Published evaluation results, newest year first (in full at /api/public/projects/{code}/evaluations)'),
    ...at('evaluations[]', {
      publicationId: EVALUATION.publicationId!,
      year: EVALUATION.year!,
      totalScore: EVALUATION.totalScore!,
      grade: EVALUATION.grade!,
      url: EVALUATION.url!,
    }),
    ratings: f('公众对项目的 1–5 分评价（仅计经电子邮箱确认的）', "Citizens' 1–5 ratings of the project (confirmed by e-mail only)"),
    ...at('ratings', {
      ratings: f('经确认的评价份数', 'Confirmed ratings', { unit: 'count' }),
      scoreSum: f('评分合计；平均分 = scoreSum ÷ ratings', 'Sum of the scores; average = scoreSum ÷ ratings', { unit: 'count' }),
      byScore: f('各分值的评价份数', 'Ratings per score'),
      'byScore.1': f('评 1 分的份数', 'Ratings of 1', { unit: 'count' }),
      'byScore.2': f('评 2 分的份数', 'Ratings of 2', { unit: 'count' }),
      'byScore.3': f('评 3 分的份数', 'Ratings of 3', { unit: 'count' }),
      'byScore.4': f('评 4 分的份数', 'Ratings of 4', { unit: 'count' }),
      'byScore.5': f('评 5 分的份数', 'Ratings of 5', { unit: 'count' }),
      satisfied: f('评 4 分或 5 分（满意）的份数；满意率 = satisfied ÷ ratings', 'Ratings of 4 or 5 (satisfied); satisfied share = satisfied ÷ ratings', { unit: 'count' }),
      average: f('平均分，四舍五入到两位小数；无评价时为空', 'Average score rounded to two decimals; null without ratings', { unit: 'decimal' }),
      satisfiedPercent: f('满意率（%），四舍五入到两位小数；无评价时为空', 'Satisfied share in percent, rounded to two decimals; null without ratings', { unit: 'decimal' }),
    }),
    dataAsOf: DATA_AS_OF,
    transfersUrl: TRANSFERS_URL,
  },
  '/api/public/projects/{code}/evaluations': {
    projectCode: f('项目编号', 'Project code'),
    evaluations: f('该项目已公开的绩效评价结果，最新年度在前', "The project's published evaluation results, newest year first"),
    ...at('evaluations[]', EVALUATION),
  },
  '/api/public/counties': {
    dataAsOf: DATA_AS_OF,
    counties: f('本市各区县及其收到的资金（仅计公开资金）', "The city's counties and the money each received (published lines only)"),
    ...at('counties[]', {
      ...COUNTY_SUMMARY,
      toProjectsFen: f('拨付给本区县项目的净额', 'Net passed on to its projects', { unit: 'fen' }),
      url: f('区县页面', 'Its page', { unit: 'path' }),
    }),
  },
  '/api/public/counties/{code}': {
    ...COUNTY_SUMMARY,
    passedOnFen: f('拨付给本区县项目的净额', 'Net passed on to its projects', { unit: 'fen' }),
    years: f('按年度，最新在前', 'By year, newest first'),
    ...at('years[]', {
      year: f('年度', 'Year', { unit: 'year' }),
      received: f('当年收到金额按资金级次', 'Received that year, by fund level', { unit: 'fen' }),
      ...at('received', BY_LEVEL),
      passedOnFen: f('当年拨付给项目的净额', 'Passed on to projects that year', { unit: 'fen' }),
    }),
    dataAsOf: DATA_AS_OF,
    transfersUrl: TRANSFERS_URL,
  },
  '/api/public/payees': {
    payees: f('公开资金所支付的每个收款单位，按编码排序', 'Every payee a published line pays, by code'),
    ...at('payees[]', {
      ...PAYEE_SUMMARY,
      lines: f('公开的支付笔数（含冲销）', 'Published payment lines, reversals included', { unit: 'count' }),
      latest: f('最近一笔支付的日期', 'Date of the latest payment', { unit: 'date' }),
    }),
  },
  '/api/public/payees/{code}': {
    ...PAYEE_SUMMARY,
    byLevel: f('收到金额按资金级次', 'Received, by fund level', { unit: 'fen' }),
    ...at('byLevel', BY_LEVEL),
    years: f('按年度，最新在前', 'By year, newest first'),
    'years[].year': f('年度', 'Year', { unit: 'year' }),
    'years[].fen': f('当年收到的净额', 'Net received that year', { unit: 'fen' }),
    payments: f('支付给该单位的每笔公开资金，最新在前', 'Every published payment to it, newest first'),
    ...at('payments[]', TRANSFER),
    dataAsOf: DATA_AS_OF,
  },
  '/api/public/evaluations': {
    ...CURSOR,
    evaluations: f('已公开的绩效评价结果，按项目编号、年度和公开记录编号排序', 'Published evaluation results, by project code, year and publication id'),
    ...at('evaluations[]', EVALUATION),
  },
  '/api/public/feedback': {
    items: f('已公开的留言及答复，最新在前', 'Published items with their answers, newest first'),
    ...at('items[]', Object.fromEntries(Object.entries(FEEDBACK_ITEM).filter(([k]) => !k.startsWith('photos')))),
  },
  '/api/public/feedback/{trackingCode}': {
    ...Object.fromEntries(Object.entries(FEEDBACK_ITEM).filter(([k]) => !k.startsWith('photos') && !k.startsWith('answers') && !k.startsWith('subject') && k !== 'text')),
    published: f('内容是否公开；未公开时只显示进度', 'Whether the text is public; when not, only the progress is shown'),
    assignedAt: f('转办时间', 'Assigned at', { unit: 'datetime' }),
    rejectReason: f('不予受理的理由', 'Why it was not accepted'),
    mergedInto: f('合并到的留言查询码', 'Tracking code of the item it was merged into'),
    item: f('公开的留言内容及答复；未公开时为空', 'The published item with its answers; null when not public'),
    ...at('item', FEEDBACK_ITEM),
  },
  '/api/public/feedback/stats': {
    asOf: f('统计时间（UTC）；“当前逾期”按此时刻计算', 'When computed (UTC); overdue is counted at this moment', { unit: 'datetime' }),
    rows: f('按受理月份（新在前）和承办单位的统计', 'Per month received (newest first) and organisation'),
    ...at('rows[]', {
      month: f('受理月份（中国时间，YYYY-MM）', 'Month received (China time, YYYY-MM)'),
      organisation: f('承办（被交办）单位', 'Organisation the items were assigned to'),
      'organisation.code': f('单位编码', 'Organisation code'),
      'organisation.name': f('单位名称（中文）', 'Organisation (Chinese)'),
      'organisation.nameEn': f('单位名称（英文）；没有的为空', 'Organisation (English); null when none'),
      received: f('当月受理并交办该单位的留言数', 'Items received that month and assigned to it', { unit: 'count' }),
      answeredOnTime: f('其中按期答复的', 'Of these, answered by the deadline', { unit: 'count' }),
      answeredLate: f('其中逾期后答复的', 'Of these, answered after the deadline', { unit: 'count' }),
      overdue: f('其中当前逾期未答复的', 'Of these, unanswered and past the deadline now', { unit: 'count' }),
    }),
  },
  '/api/public/indicators/{code}': {
    dataAsOf: f('该指标最新公开监测值的日期', 'Date of the latest published value', { unit: 'date' }),
    includesDemo: f('是否含演示数据', 'Whether demo values are included'),
    rule: f('“进度正常/滞后”的判定规则', 'The on-track / behind rule'),
    indicator: f('规划指标及其逐年监测值和进度', 'The indicator with its published values and progress'),
    ...at('indicator', TARGET_INDICATOR),
  },
  '/api/public/feed/json': {
    version: f('JSON Feed 版本', 'JSON Feed version'),
    title: f('订阅标题', 'Feed title'),
    home_page_url: f('门户首页地址', "The portal's home page"),
    feed_url: f('本订阅地址', 'This feed'),
    items: f('公开与更正，最新在前', 'Publications and corrections, newest first'),
    ...at('items[]', {
      id: f('条目标识', 'Entry id'),
      url: f('公开页面地址', 'Publication page'),
      title: f('标题', 'Title'),
      content_text: f('摘要', 'Summary'),
      date_modified: f('发布时间', 'Published at', { unit: 'datetime' }),
      authors: f('发布单位', 'Issuers'),
      'authors[].name': f('发布单位名称', 'Issuer name'),
      tags: f('标签（公开类型、资金、区县、项目）', 'Tags (kind, programme, county, project)'),
    }),
  },
  '/api/health': {
    status: f('服务状态', 'Service status'),
    database: f('数据库', 'Database'),
    'database.driver': f('数据库驱动', 'Database driver'),
    'database.reachable': f('数据库是否可达', 'Whether the database answers'),
    'database.migrations': f('已执行的迁移数', 'Migrations applied', { unit: 'count' }),
    auditChainHead: f('审计哈希链的最新哈希值', 'Head of the audit hash chain', { unit: 'sha256' }),
  },
};

/** The entry of one field of one path's answer, if documented. */
export function fieldDoc(apiPath: string, fieldPath: string): FieldDoc | undefined {
  return FIELDS[apiPath]?.[fieldPath];
}
