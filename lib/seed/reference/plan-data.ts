/**
 * Reference data transcribed from 《阳泉市国土空间生态修复规划（2021-2035年）》公众版
 * (阳泉市规划和自然资源局). Source: an OCR'd text of the public edition
 * (/work/shared/seed/000_044fae8ef9e74bf1.txt).
 *
 * Plain data only: no imports, no runtime logic.
 * OCR corrections and judgement calls are listed in ./NORMALISATIONS.md
 * (孟县 → 盂县, 茺池镇 → 苌池镇, 井径县 → 井陉县, rejoined page breaks, etc.).
 *
 * Where the plan is silent a value is `null` and a comment says so.
 */

export type CountyCode = '140302' | '140303' | '140311' | '140321' | '140322' | '140371';
// 140302 城区, 140303 矿区, 140311 郊区, 140321 平定县, 140322 盂县, 140371 开发区 (阳泉经济技术开发区)
export type ProjectType =
  | 'mine_restoration'
  | 'forest_grassland'
  | 'soil_erosion'
  | 'water_ecosystem'
  | 'agricultural_space'
  | 'urban_space'
  | 'ecological_network';

export interface TownSeed { county: CountyCode; name: string }
export interface ZoneSeed { code: string; name: string; nameEn: string; areaKm2: string; towns: TownSeed[] }
export interface KeyAreaSeed { code: string; zone: string; name: string; nameEn: string; focus: ProjectType[] }
export interface GroupSeed { code: string; zone: string | null; name: string; nameEn: string; counties: CountyCode[] }
export interface ProjectSeed {
  code: string;
  group: string;
  zone: string | null;
  keyArea: string | null;
  name: string;
  type: ProjectType;
  counties: CountyCode[];
}
export interface IndicatorSeed {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  comparator: 'gte' | 'lte' | 'eq';
  baseline2020: string | null;
  target2025: string | null;
  target2035: string | null;
  note: string | null;
}

/** 规划范围为阳泉市全域国土空间，总面积 4558.96km²（前言）. */
export const CITY_AREA_KM2 = '4558.96';

/**
 * 下辖 3 个市辖区（城区、矿区、郊区）和 1 个经济技术开发区、2 个县（平定、盂县）（第一章 第一节）.
 * The plan itself calls the development zone "经济技术开发区" / "开发区"; the full name
 * 阳泉经济技术开发区 is taken from the project brief, not from the plan text.
 */
export const COUNTIES: { code: CountyCode; name: string; nameEn: string; kind: 'district' | 'county' | 'development_zone' }[] = [
  { code: '140302', name: '城区', nameEn: 'Cheng District', kind: 'district' },
  { code: '140303', name: '矿区', nameEn: 'Kuang District', kind: 'district' },
  { code: '140311', name: '郊区', nameEn: 'Jiao District', kind: 'district' },
  { code: '140321', name: '平定县', nameEn: 'Pingding County', kind: 'county' },
  { code: '140322', name: '盂县', nameEn: 'Yu County', kind: 'county' },
  { code: '140371', name: '阳泉经济技术开发区', nameEn: 'Yangquan Economic and Technological Development Zone', kind: 'development_zone' },
];

/**
 * English names of the towns and townships the zones name (乡 township, 镇 town), in Hanyu
 * Pinyin as China's place-name standard (GB/T 17693) writes them; the plan gives none.
 */
export const TOWN_NAMES_EN: Record<string, string> = {
  上社镇: 'Shangshe Town',
  东回镇: 'Donghui Town',
  东梁乡: 'Dongliang Township',
  义井镇: 'Yijing Town',
  仙人乡: 'Xianren Township',
  冠山镇: 'Guanshan Town',
  冶西镇: 'Yexi Town',
  北下庄乡: 'Beixiazhuang Township',
  南娄镇: 'Nanlou Town',
  娘子关镇: 'Niangziguan Town',
  孙家庄镇: 'Sunjiazhuang Town',
  岔口乡: 'Chakou Township',
  巨城镇: 'Jucheng Town',
  平坦镇: 'Pingtan Town',
  张庄镇: 'Zhangzhuang Town',
  旧街乡: 'Jiujie Township',
  李家庄乡: 'Lijiazhuang Township',
  杨家庄乡: 'Yangjiazhuang Township',
  柏井镇: 'Baijing Town',
  梁家寨乡: 'Liangjiazhai Township',
  河底镇: 'Hedi Town',
  牛村镇: 'Niucun Town',
  石门口乡: 'Shimenkou Township',
  秀水镇: 'Xiushui Town',
  苌池镇: 'Changchi Town',
  荫营镇: 'Yinying Town',
  西南昇乡: 'Xinansheng Township',
  西潘乡: 'Xipan Township',
  西烟镇: 'Xiyan Town',
  路家村镇: 'Lujiacun Town',
  锁簧镇: 'Suohuang Town',
};

/**
 * 六个生态修复分区 — 第三章 第二节, 表 2 生态修复分区划定 (names and areas) and each
 * zone's 区域范围 paragraph (towns). Areas sum to 4558.96 km².
 * Towns: city districts named as whole areas (城区, 矿区, 开发区 in Z6) are not towns and are
 * omitted; each town is attributed to the 郊区/平定县/盂县 named before it in the sentence.
 */
export const ZONES: ZoneSeed[] = [
  {
    code: 'Z1',
    name: '诸龙山水源涵养与水土保持生态修复区',
    nameEn: 'Zhulong Mountain water-conservation and soil-and-water-conservation restoration zone',
    areaKm2: '980.53',
    // 涉及盂县西潘乡、上社镇、苌池镇、西烟镇、东梁乡、南娄镇
    towns: [
      { county: '140322', name: '西潘乡' },
      { county: '140322', name: '上社镇' },
      { county: '140322', name: '苌池镇' },
      { county: '140322', name: '西烟镇' },
      { county: '140322', name: '东梁乡' },
      { county: '140322', name: '南娄镇' },
    ],
  },
  {
    code: 'Z2',
    name: '尖山水源涵养与水土保持生态修复区',
    nameEn: 'Jianshan Mountain water-conservation and soil-and-water-conservation restoration zone',
    areaKm2: '732.94',
    // 涉及盂县上社镇、苌池镇、孙家庄镇、北下庄乡、仙人乡、平定县岔口乡
    towns: [
      { county: '140322', name: '上社镇' },
      { county: '140322', name: '苌池镇' },
      { county: '140322', name: '孙家庄镇' },
      { county: '140322', name: '北下庄乡' },
      { county: '140322', name: '仙人乡' },
      { county: '140321', name: '岔口乡' },
    ],
  },
  {
    code: 'Z3',
    name: '浮山水源涵养与水土保持生态修复区',
    nameEn: 'Fushan Mountain water-conservation and soil-and-water-conservation restoration zone',
    areaKm2: '424.29',
    // 涉及平定县柏井镇、东回镇、张庄镇、娘子关镇、石门口乡
    towns: [
      { county: '140321', name: '柏井镇' },
      { county: '140321', name: '东回镇' },
      { county: '140321', name: '张庄镇' },
      { county: '140321', name: '娘子关镇' },
      { county: '140321', name: '石门口乡' },
    ],
  },
  {
    code: 'Z4',
    name: '药岭山水源涵养与生物多样性保护生态修复区',
    nameEn: 'Yaoling Mountain water-conservation and biodiversity-protection restoration zone',
    areaKm2: '547.36',
    // 涉及盂县南娄镇、路家村镇、郊区河底镇、荫营镇、旧街乡、平坦镇、义井镇、平定县冶西镇、张庄镇
    towns: [
      { county: '140322', name: '南娄镇' },
      { county: '140322', name: '路家村镇' },
      { county: '140311', name: '河底镇' },
      { county: '140311', name: '荫营镇' },
      { county: '140311', name: '旧街乡' },
      { county: '140311', name: '平坦镇' },
      { county: '140311', name: '义井镇' },
      { county: '140321', name: '冶西镇' },
      { county: '140321', name: '张庄镇' },
    ],
  },
  {
    code: 'Z5',
    name: '滹沱河流域水生态系统保护修复区',
    nameEn: 'Hutuo River basin water-ecosystem protection and restoration zone',
    areaKm2: '459.80',
    // 涉及盂县梁家寨乡、上社镇
    towns: [
      { county: '140322', name: '梁家寨乡' },
      { county: '140322', name: '上社镇' },
    ],
  },
  {
    // Name as in 表 2 and the 第二节 六 heading. The list sentence at the start of 第二节 calls this
    // zone "绵河流域人居环境提升与水生态系统保护修复区" (source inconsistency, see NORMALISATIONS.md).
    code: 'Z6',
    name: '绵河流域国土综合整治与水生态系统保护修复区',
    nameEn: 'Mian River basin comprehensive land consolidation and water-ecosystem protection and restoration zone',
    areaKm2: '1414.04',
    // 涉及城区、矿区、郊区河底镇、荫营镇、杨家庄乡、李家庄乡、义井镇、平坦镇、开发区、西南昇乡、
    // 盂县孙家庄镇、秀水镇、南娄镇、路家村镇、牛村镇、平定县岔口乡、娘子关镇、巨城镇、张庄镇、锁簧镇、
    // 冠山镇、石门口乡、冶西镇.
    // 城区, 矿区 and 开发区 are named as whole areas (no towns) and are omitted here.
    // 西南昇乡 follows 开发区 in the sentence; it is attributed to 郊区 because 开发区 is not a
    // town-bearing county here and the plan itself writes "郊区西南昇乡" (第四章 二).
    towns: [
      { county: '140311', name: '河底镇' },
      { county: '140311', name: '荫营镇' },
      { county: '140311', name: '杨家庄乡' },
      { county: '140311', name: '李家庄乡' },
      { county: '140311', name: '义井镇' },
      { county: '140311', name: '平坦镇' },
      { county: '140311', name: '西南昇乡' },
      { county: '140322', name: '孙家庄镇' },
      { county: '140322', name: '秀水镇' },
      { county: '140322', name: '南娄镇' },
      { county: '140322', name: '路家村镇' },
      { county: '140322', name: '牛村镇' },
      { county: '140321', name: '岔口乡' },
      { county: '140321', name: '娘子关镇' },
      { county: '140321', name: '巨城镇' },
      { county: '140321', name: '张庄镇' },
      { county: '140321', name: '锁簧镇' },
      { county: '140321', name: '冠山镇' },
      { county: '140321', name: '石门口乡' },
      { county: '140321', name: '冶西镇' },
    ],
  },
];

/** 十三个生态修复重点区 — 第三章 第三节. focus is derived from each name (see brief mapping). */
export const KEY_AREAS: KeyAreaSeed[] = [
  { code: 'K01', zone: 'Z1', name: '诸龙山矿山生态修复重点区', nameEn: 'Zhulong Mountain mine ecological restoration key area', focus: ['mine_restoration'] },
  { code: 'K02', zone: 'Z1', name: '诸龙山林草质量提升与水土流失治理重点区', nameEn: 'Zhulong Mountain forest-and-grassland quality improvement and soil-erosion control key area', focus: ['forest_grassland', 'soil_erosion'] },
  { code: 'K03', zone: 'Z2', name: '尖山矿山生态修复重点区', nameEn: 'Jianshan Mountain mine ecological restoration key area', focus: ['mine_restoration'] },
  { code: 'K04', zone: 'Z2', name: '尖山林草质量提升与水土流失治理重点区', nameEn: 'Jianshan Mountain forest-and-grassland quality improvement and soil-erosion control key area', focus: ['forest_grassland', 'soil_erosion'] },
  { code: 'K05', zone: 'Z3', name: '浮山林草质量提升与水土流失治理重点区', nameEn: 'Fushan Mountain forest-and-grassland quality improvement and soil-erosion control key area', focus: ['forest_grassland', 'soil_erosion'] },
  { code: 'K06', zone: 'Z4', name: '药岭山林草质量提升重点区', nameEn: 'Yaoling Mountain forest-and-grassland quality improvement key area', focus: ['forest_grassland'] },
  { code: 'K07', zone: 'Z5', name: '滹沱河流域矿山生态修复重点区', nameEn: 'Hutuo River basin mine ecological restoration key area', focus: ['mine_restoration'] },
  { code: 'K08', zone: 'Z5', name: '滹沱河流域水生态系统修复重点区', nameEn: 'Hutuo River basin water-ecosystem restoration key area', focus: ['water_ecosystem'] },
  { code: 'K09', zone: 'Z5', name: '滹沱河流域草地质量提升与水土流失治理重点区', nameEn: 'Hutuo River basin grassland quality improvement and soil-erosion control key area', focus: ['forest_grassland', 'soil_erosion'] },
  { code: 'K10', zone: 'Z6', name: '绵河流域矿山生态修复重点区', nameEn: 'Mian River basin mine ecological restoration key area', focus: ['mine_restoration'] },
  { code: 'K11', zone: 'Z6', name: '绵河流域水生态系统修复重点区', nameEn: 'Mian River basin water-ecosystem restoration key area', focus: ['water_ecosystem'] },
  { code: 'K12', zone: 'Z6', name: '绵河流域乡村人居环境改善与土地综合整治重点区', nameEn: 'Mian River basin rural living-environment improvement and comprehensive land consolidation key area', focus: ['agricultural_space'] },
  { code: 'K13', zone: 'Z6', name: '绵河流域城镇生态品质提升与环境综合治理重点区', nameEn: 'Mian River basin urban ecological-quality improvement and comprehensive environmental management key area', focus: ['urban_space'] },
];

/**
 * 七类重点工程 — 第四章. Names as the section headings; counties as each "本重点工程涉及…" sentence.
 * G6 heading says "土地综合整治" where the zone (Z6) says "国土综合整治" — kept as written.
 * G6's sentence names 盂县、平定县、郊区、矿区、城区 only (not 开发区, although zone Z6 includes 开发区).
 */
export const GROUPS: GroupSeed[] = [
  { code: 'G1', zone: 'Z1', name: '诸龙山水源涵养与水土保持生态修复重点工程', nameEn: 'Zhulong Mountain water-conservation and soil-and-water-conservation restoration key projects', counties: ['140322'] },
  { code: 'G2', zone: 'Z2', name: '尖山水源涵养与水土保持生态修复重点工程', nameEn: 'Jianshan Mountain water-conservation and soil-and-water-conservation restoration key projects', counties: ['140322', '140321'] },
  { code: 'G3', zone: 'Z3', name: '浮山水源涵养与水土保持生态修复重点工程', nameEn: 'Fushan Mountain water-conservation and soil-and-water-conservation restoration key projects', counties: ['140321'] },
  { code: 'G4', zone: 'Z4', name: '药岭山水源涵养与生物多样性保护生态修复重点工程', nameEn: 'Yaoling Mountain water-conservation and biodiversity-protection restoration key projects', counties: ['140311', '140321', '140322'] },
  { code: 'G5', zone: 'Z5', name: '滹沱河流域水生态系统保护修复重点工程', nameEn: 'Hutuo River basin water-ecosystem protection and restoration key projects', counties: ['140322'] },
  { code: 'G6', zone: 'Z6', name: '绵河流域土地综合整治与水生态系统保护修复重点工程', nameEn: 'Mian River basin land consolidation and water-ecosystem protection and restoration key projects', counties: ['140322', '140321', '140311', '140303', '140302'] },
  // 本重点工程涉及全域 → all six codes.
  { code: 'G7', zone: null, name: '生态网络构建与生物多样性保护重点工程', nameEn: 'Ecological network building and biodiversity protection key projects', counties: ['140302', '140303', '140311', '140321', '140322', '140371'] },
];

/**
 * Every project named in 第四章, in the order written, per group.
 * - type: chosen from the name by the brief's keyword rules (judgement calls in NORMALISATIONS.md).
 * - zone: the group's zone (null for G7).
 * - keyArea: INFERENCE, not stated by the plan — the key area of the group's zone whose focus
 *   includes the project's type; null when none fits (and always null for G7).
 * - counties: counties named in the project name; if none is named, the group's counties.
 */
export const PROJECTS: ProjectSeed[] = [
  // ── G1 诸龙山 (Z1; key areas K01 mine, K02 forest/soil) — 本重点工程涉及盂县
  { code: 'G1-01', group: 'G1', zone: 'Z1', keyArea: 'K01', name: '盂县水源涵养区矿山生态修复工程', type: 'mine_restoration', counties: ['140322'] },
  { code: 'G1-02', group: 'G1', zone: 'Z1', keyArea: 'K01', name: '盂县山地森林与生物多样性保护区矿山生态修复工程', type: 'mine_restoration', counties: ['140322'] },
  { code: 'G1-03', group: 'G1', zone: 'Z1', keyArea: 'K01', name: '盂县城镇发展区矿山生态修复工程', type: 'mine_restoration', counties: ['140322'] },
  { code: 'G1-04', group: 'G1', zone: 'Z1', keyArea: 'K01', name: '阳泉市有主矿山废弃地生态修复项目', type: 'mine_restoration', counties: ['140322'] },
  { code: 'G1-05', group: 'G1', zone: 'Z1', keyArea: null, name: '乌河盂县上游河道治理工程', type: 'water_ecosystem', counties: ['140322'] },
  { code: 'G1-06', group: 'G1', zone: 'Z1', keyArea: 'K02', name: '森林保护与修复工程', type: 'forest_grassland', counties: ['140322'] },
  // Names 平定县 although G1's sentence names only 盂县 — counties follow the project name.
  { code: 'G1-07', group: 'G1', zone: 'Z1', keyArea: 'K02', name: '平定县、盂县裸露土地生态修复绿化项目', type: 'forest_grassland', counties: ['140321', '140322'] },
  { code: 'G1-08', group: 'G1', zone: 'Z1', keyArea: 'K02', name: '草地质量提升工程', type: 'forest_grassland', counties: ['140322'] },
  { code: 'G1-09', group: 'G1', zone: 'Z1', keyArea: 'K02', name: '建设护林防火通道工程', type: 'forest_grassland', counties: ['140322'] },
  { code: 'G1-10', group: 'G1', zone: 'Z1', keyArea: 'K02', name: '建设生物阻隔系统', type: 'forest_grassland', counties: ['140322'] },
  { code: 'G1-11', group: 'G1', zone: 'Z1', keyArea: 'K02', name: '水土流失综合治理工程', type: 'soil_erosion', counties: ['140322'] },
  { code: 'G1-12', group: 'G1', zone: 'Z1', keyArea: 'K02', name: '盂县小流域综合治理工程', type: 'soil_erosion', counties: ['140322'] },
  { code: 'G1-13', group: 'G1', zone: 'Z1', keyArea: null, name: '盂县行政村污水处理全覆盖及主体工程项目', type: 'water_ecosystem', counties: ['140322'] },
  { code: 'G1-14', group: 'G1', zone: 'Z1', keyArea: 'K02', name: '村庄绿化工程', type: 'forest_grassland', counties: ['140322'] },

  // ── G2 尖山 (Z2; key areas K03 mine, K04 forest/soil) — 本重点工程涉及盂县、平定县
  { code: 'G2-01', group: 'G2', zone: 'Z2', keyArea: 'K03', name: '盂县水源涵养区矿山生态修复工程', type: 'mine_restoration', counties: ['140322'] },
  { code: 'G2-02', group: 'G2', zone: 'Z2', keyArea: 'K03', name: '盂县城镇发展区矿山生态修复工程', type: 'mine_restoration', counties: ['140322'] },
  { code: 'G2-03', group: 'G2', zone: 'Z2', keyArea: 'K03', name: '盂县农田防护林与水土保持区矿山生态修复工程', type: 'mine_restoration', counties: ['140322'] },
  { code: 'G2-04', group: 'G2', zone: 'Z2', keyArea: 'K03', name: '平定县水源涵养区矿山生态修复工程', type: 'mine_restoration', counties: ['140321'] },
  { code: 'G2-05', group: 'G2', zone: 'Z2', keyArea: 'K03', name: '阳泉市有主矿山废弃地生态修复项目', type: 'mine_restoration', counties: ['140322', '140321'] },
  { code: 'G2-06', group: 'G2', zone: 'Z2', keyArea: 'K03', name: '阳泉市无主矸石山完善提档绿化工程', type: 'mine_restoration', counties: ['140322', '140321'] },
  { code: 'G2-07', group: 'G2', zone: 'Z2', keyArea: 'K04', name: '森林保护与修复工程', type: 'forest_grassland', counties: ['140322', '140321'] },
  { code: 'G2-08', group: 'G2', zone: 'Z2', keyArea: 'K04', name: '森林抚育与低效林地改造工程', type: 'forest_grassland', counties: ['140322', '140321'] },
  { code: 'G2-09', group: 'G2', zone: 'Z2', keyArea: 'K04', name: '阳泉市平定县、盂县裸露土地生态修复绿化项目', type: 'forest_grassland', counties: ['140321', '140322'] },
  { code: 'G2-10', group: 'G2', zone: 'Z2', keyArea: 'K04', name: '草地质量提升工程', type: 'forest_grassland', counties: ['140322', '140321'] },
  { code: 'G2-11', group: 'G2', zone: 'Z2', keyArea: 'K04', name: '护林防火通道工程', type: 'forest_grassland', counties: ['140322', '140321'] },
  { code: 'G2-12', group: 'G2', zone: 'Z2', keyArea: 'K04', name: '建设生物阻隔系统工程', type: 'forest_grassland', counties: ['140322', '140321'] },
  { code: 'G2-13', group: 'G2', zone: 'Z2', keyArea: 'K04', name: '水土流失综合治理工程', type: 'soil_erosion', counties: ['140322', '140321'] },
  // Name rejoined across an OCR page break ("…污水处理" / "全覆盖及主体工程项目").
  { code: 'G2-14', group: 'G2', zone: 'Z2', keyArea: null, name: '盂县行政村污水处理全覆盖及主体工程项目', type: 'water_ecosystem', counties: ['140322'] },
  { code: 'G2-15', group: 'G2', zone: 'Z2', keyArea: 'K04', name: '村庄绿化工程', type: 'forest_grassland', counties: ['140322', '140321'] },
  // Listed under G2 although it names 郊区 (outside G2's 盂县/平定县) — kept where the plan puts it.
  { code: 'G2-16', group: 'G2', zone: 'Z2', keyArea: null, name: '郊区西南昇乡“北七村”乡村振兴示范区建设项目', type: 'urban_space', counties: ['140311'] },

  // ── G3 浮山 (Z3; key area K05 forest/soil) — 本重点工程涉及平定县
  { code: 'G3-01', group: 'G3', zone: 'Z3', keyArea: 'K05', name: '森林保护与修复工程', type: 'forest_grassland', counties: ['140321'] },
  { code: 'G3-02', group: 'G3', zone: 'Z3', keyArea: 'K05', name: '森林抚育与低效林地改造工程', type: 'forest_grassland', counties: ['140321'] },
  { code: 'G3-03', group: 'G3', zone: 'Z3', keyArea: 'K05', name: '阳泉市平定县、盂县裸露土地生态修复绿化项目', type: 'forest_grassland', counties: ['140321', '140322'] },
  { code: 'G3-04', group: 'G3', zone: 'Z3', keyArea: 'K05', name: '建设护林防火通道工程', type: 'forest_grassland', counties: ['140321'] },
  { code: 'G3-05', group: 'G3', zone: 'Z3', keyArea: 'K05', name: '建设生物阻隔系统工程', type: 'forest_grassland', counties: ['140321'] },
  { code: 'G3-06', group: 'G3', zone: 'Z3', keyArea: 'K05', name: '水土流失综合治理工程', type: 'soil_erosion', counties: ['140321'] },

  // ── G4 药岭山 (Z4; key area K06 forest only) — 本重点工程涉及郊区、平定县、盂县
  { code: 'G4-01', group: 'G4', zone: 'Z4', keyArea: null, name: '郊区小流域综合治理工程', type: 'soil_erosion', counties: ['140311'] },
  { code: 'G4-02', group: 'G4', zone: 'Z4', keyArea: null, name: '平定县小流域综合治理工程', type: 'soil_erosion', counties: ['140321'] },
  { code: 'G4-03', group: 'G4', zone: 'Z4', keyArea: 'K06', name: '森林保护与修复工程', type: 'forest_grassland', counties: ['140311', '140321', '140322'] },
  { code: 'G4-04', group: 'G4', zone: 'Z4', keyArea: 'K06', name: '森林抚育与低效林地改造工程', type: 'forest_grassland', counties: ['140311', '140321', '140322'] },
  { code: 'G4-05', group: 'G4', zone: 'Z4', keyArea: 'K06', name: '阳泉市郊区裸露土地生态修复绿化项目', type: 'forest_grassland', counties: ['140311'] },
  { code: 'G4-06', group: 'G4', zone: 'Z4', keyArea: 'K06', name: '阳泉市郊区交通沿线荒山绿化项目', type: 'forest_grassland', counties: ['140311'] },
  { code: 'G4-07', group: 'G4', zone: 'Z4', keyArea: null, name: '阳泉市郊区旧街乡新庄窝村农村土地综合整治', type: 'agricultural_space', counties: ['140311'] },
  { code: 'G4-08', group: 'G4', zone: 'Z4', keyArea: null, name: '阳泉市郊区人居环境综合治理建设项目', type: 'urban_space', counties: ['140311'] },
  { code: 'G4-09', group: 'G4', zone: 'Z4', keyArea: 'K06', name: '村庄绿化工程', type: 'forest_grassland', counties: ['140311', '140321', '140322'] },

  // ── G5 滹沱河 (Z5; key areas K07 mine, K08 water, K09 forest/soil) — 本重点工程涉及盂县
  { code: 'G5-01', group: 'G5', zone: 'Z5', keyArea: 'K08', name: '滹沱河干流河道综合治理工程', type: 'water_ecosystem', counties: ['140322'] },
  { code: 'G5-02', group: 'G5', zone: 'Z5', keyArea: 'K08', name: '盂县滹沱河干流（御枣口—王只村段）堤防建设项目', type: 'water_ecosystem', counties: ['140322'] },
  // 调水 (water transfer) — no keyword in the brief's list; water_ecosystem is the closest type.
  { code: 'G5-03', group: 'G5', zone: 'Z5', keyArea: 'K08', name: '龙华口调水工程', type: 'water_ecosystem', counties: ['140322'] },
  { code: 'G5-04', group: 'G5', zone: 'Z5', keyArea: 'K07', name: '盂县水源涵养区矿山生态修复工程', type: 'mine_restoration', counties: ['140322'] },
  { code: 'G5-05', group: 'G5', zone: 'Z5', keyArea: 'K09', name: '草地质量提升工程', type: 'forest_grassland', counties: ['140322'] },
  { code: 'G5-06', group: 'G5', zone: 'Z5', keyArea: 'K09', name: '水土流失综合治理工程', type: 'soil_erosion', counties: ['140322'] },
  { code: 'G5-07', group: 'G5', zone: 'Z5', keyArea: 'K09', name: '盂县小流域综合治理工程', type: 'soil_erosion', counties: ['140322'] },
  { code: 'G5-08', group: 'G5', zone: 'Z5', keyArea: null, name: '盂县梁家寨乡猫铺村农村土地综合整治工程', type: 'agricultural_space', counties: ['140322'] },
  { code: 'G5-09', group: 'G5', zone: 'Z5', keyArea: 'K09', name: '村庄绿化工程', type: 'forest_grassland', counties: ['140322'] },
  { code: 'G5-10', group: 'G5', zone: 'Z5', keyArea: 'K08', name: '盂县行政村污水处理全覆盖及主体工程项目', type: 'water_ecosystem', counties: ['140322'] },

  // ── G6 绵河 (Z6; key areas K10 mine, K11 water, K12 agricultural, K13 urban)
  //    本重点工程涉及盂县、平定县、郊区、矿区、城区 (group counties below = these five)
  { code: 'G6-01', group: 'G6', zone: 'Z6', keyArea: 'K10', name: '郊区城镇发展区矿山生态修复工程', type: 'mine_restoration', counties: ['140311'] },
  // Name rejoined across an OCR page break ("…矿山生态修复" / "工程").
  { code: 'G6-02', group: 'G6', zone: 'Z6', keyArea: 'K10', name: '郊区农田防护林与水土保持区矿山生态修复工程', type: 'mine_restoration', counties: ['140311'] },
  { code: 'G6-03', group: 'G6', zone: 'Z6', keyArea: 'K10', name: '盂县山地森林与生物多样性保护区矿山生态修复工程', type: 'mine_restoration', counties: ['140322'] },
  { code: 'G6-04', group: 'G6', zone: 'Z6', keyArea: 'K10', name: '盂县城镇发展区矿山生态修复工程', type: 'mine_restoration', counties: ['140322'] },
  { code: 'G6-05', group: 'G6', zone: 'Z6', keyArea: 'K10', name: '盂县农田防护林与水土保持区矿山生态修复工程', type: 'mine_restoration', counties: ['140322'] },
  { code: 'G6-06', group: 'G6', zone: 'Z6', keyArea: 'K10', name: '阳泉市有主矿山废弃地生态修复项目', type: 'mine_restoration', counties: ['140322', '140321', '140311', '140303', '140302'] },
  { code: 'G6-07', group: 'G6', zone: 'Z6', keyArea: 'K10', name: '阳泉市无主矸石山完善提档绿化工程', type: 'mine_restoration', counties: ['140322', '140321', '140311', '140303', '140302'] },
  { code: 'G6-08', group: 'G6', zone: 'Z6', keyArea: 'K10', name: '阳泉市郊区无主矸石山治理项目', type: 'mine_restoration', counties: ['140311'] },
  { code: 'G6-09', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '平定县温河和郊区温河综合治理工程', type: 'water_ecosystem', counties: ['140321', '140311'] },
  { code: 'G6-10', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '郊区荫营河河道综合治理工程', type: 'water_ecosystem', counties: ['140311'] },
  { code: 'G6-11', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '水源保护区生态保护修复工程', type: 'water_ecosystem', counties: ['140322', '140321', '140311', '140303', '140302'] },
  { code: 'G6-12', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '郊区娘子关泉域温河渗漏段治理项目', type: 'water_ecosystem', counties: ['140311'] },
  { code: 'G6-13', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '盂县温池水源地保护及水环境治理工程', type: 'water_ecosystem', counties: ['140322'] },
  { code: 'G6-14', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '山底河流域老窑水污染调查评估及修复治理工程', type: 'water_ecosystem', counties: ['140322', '140321', '140311', '140303', '140302'] },
  // Contains 煤矿 but the project is about 老窑水 (mine-water) pollution → water_ecosystem.
  { code: 'G6-15', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '阳泉市小河煤矿老窑水污染调查评估及修复治理工程', type: 'water_ecosystem', counties: ['140322', '140321', '140311', '140303', '140302'] },
  { code: 'G6-16', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '娘子关泉域河道防渗工程', type: 'water_ecosystem', counties: ['140322', '140321', '140311', '140303', '140302'] },
  { code: 'G6-17', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '平定县娘子关泉域重点保护区桃河渗漏段治理工程', type: 'water_ecosystem', counties: ['140321'] },
  { code: 'G6-18', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '平定县娘子关泉域重点保护区温河渗漏段治理工程', type: 'water_ecosystem', counties: ['140321'] },
  { code: 'G6-19', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '阳泉昇阳污水净化有限公司尾水人工湿地工程', type: 'water_ecosystem', counties: ['140322', '140321', '140311', '140303', '140302'] },
  // One project (three streams under one 综合治理工程).
  { code: 'G6-20', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '马家河、小南沟、大南沟综合治理工程', type: 'water_ecosystem', counties: ['140322', '140321', '140311', '140303', '140302'] },
  { code: 'G6-21', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '桃河郊区段流域综合治理工程', type: 'water_ecosystem', counties: ['140311'] },
  { code: 'G6-22', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '平定县水系连通及农村水系综合整治工程', type: 'water_ecosystem', counties: ['140321'] },
  { code: 'G6-23', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '盂县水系连通及水美乡村建设试点项目', type: 'water_ecosystem', counties: ['140322'] },
  // 岩溶地下井封堵 (sealing karst underground wells, protecting the karst aquifer) — no keyword
  // in the brief's list; water_ecosystem is the closest type.
  { code: 'G6-24', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '岩溶地下井封堵及修复工程', type: 'water_ecosystem', counties: ['140322', '140321', '140311', '140303', '140302'] },
  { code: 'G6-25', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '平定县南川河人工湿地生态治理工程', type: 'water_ecosystem', counties: ['140321'] },
  { code: 'G6-26', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '桃河河道湿地生态治理工程', type: 'water_ecosystem', counties: ['140322', '140321', '140311', '140303', '140302'] },
  // One project (seven rivers under one 综合治理工程).
  { code: 'G6-27', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '平定县阳胜河、城南河、嘉河、锁簧河、南川河上游、桃河、温河综合治理工程', type: 'water_ecosystem', counties: ['140321'] },
  // The name says 城区 (义井镇 is listed under 郊区 in the zone paragraphs) — counties follow the name.
  { code: 'G6-28', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '阳泉市城区义井镇瀑里村闭坑煤矿老窑水污染防控修复治理项目', type: 'water_ecosystem', counties: ['140302'] },
  { code: 'G6-29', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '建设盂县污水处理厂尾水人工湿地工程', type: 'water_ecosystem', counties: ['140322'] },
  // Kept as ONE project, verbatim (including the odd "、河道治理、"): "河道治理" cannot stand as a
  // project on its own; see NORMALISATIONS.md.
  { code: 'G6-30', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '城区神峪河、西峪掌河、义井河、河道治理、矿区马家坡河、蒙村河上游段、小南沟河、大南沟河综合治理', type: 'water_ecosystem', counties: ['140302', '140303'] },
  // soil_erosion: Z6 has no soil-erosion key area → null.
  { code: 'G6-31', group: 'G6', zone: 'Z6', keyArea: null, name: '矿区小流域综合治理工程', type: 'soil_erosion', counties: ['140303'] },
  // One project (two villages under one 农村土地综合整治).
  { code: 'G6-32', group: 'G6', zone: 'Z6', keyArea: 'K12', name: '盂县南娄镇东宋村、西宋村农村土地综合整治', type: 'agricultural_space', counties: ['140322'] },
  // One project (two villages under one 农村土地综合整治).
  { code: 'G6-33', group: 'G6', zone: 'Z6', keyArea: 'K12', name: '阳泉市矿区半坡村、小南沟村农村土地综合整治', type: 'agricultural_space', counties: ['140303'] },
  { code: 'G6-34', group: 'G6', zone: 'Z6', keyArea: 'K12', name: '农田土地整治项目', type: 'agricultural_space', counties: ['140322', '140321', '140311', '140303', '140302'] },
  { code: 'G6-35', group: 'G6', zone: 'Z6', keyArea: 'K12', name: '高标准农田建设项目', type: 'agricultural_space', counties: ['140322', '140321', '140311', '140303', '140302'] },
  { code: 'G6-36', group: 'G6', zone: 'Z6', keyArea: 'K12', name: '损毁耕地恢复治理项目', type: 'agricultural_space', counties: ['140322', '140321', '140311', '140303', '140302'] },
  { code: 'G6-37', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '盂县行政村污水处理全覆盖及主体工程项目', type: 'water_ecosystem', counties: ['140322'] },
  { code: 'G6-38', group: 'G6', zone: 'Z6', keyArea: 'K13', name: '阳泉市郊区人居环境综合治理建设项目', type: 'urban_space', counties: ['140311'] },
  // forest_grassland: Z6 has no forest key area → null.
  { code: 'G6-39', group: 'G6', zone: 'Z6', keyArea: null, name: '村庄绿化工程', type: 'forest_grassland', counties: ['140322', '140321', '140311', '140303', '140302'] },
  { code: 'G6-40', group: 'G6', zone: 'Z6', keyArea: 'K13', name: '阳泉市郊区河底镇“燕龛沟”乡村振兴示范区建设项目', type: 'urban_space', counties: ['140311'] },
  // 生态修复及农业综合体 — no keyword in the brief's list; 农业 → agricultural_space (closest type).
  { code: 'G6-41', group: 'G6', zone: 'Z6', keyArea: 'K12', name: '阳泉市郊区中部十村连片生态修复及农业综合体建设项目', type: 'agricultural_space', counties: ['140311'] },
  { code: 'G6-42', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '盂县污水处理厂二期扩建及提标改造工程', type: 'water_ecosystem', counties: ['140322'] },
  { code: 'G6-43', group: 'G6', zone: 'Z6', keyArea: 'K13', name: '阳泉市建成区雨污分流排水管网改造工程（二期）', type: 'urban_space', counties: ['140322', '140321', '140311', '140303', '140302'] },
  // Name rejoined across an OCR page break ("…雨污分流排水" / "管网改造工程").
  // "平定路" is a road name, not 平定县, so no county is named → group counties.
  { code: 'G6-44', group: 'G6', zone: 'Z6', keyArea: 'K13', name: '平定路南段（石板坪-平定东大街）雨污分流排水管网改造工程', type: 'urban_space', counties: ['140322', '140321', '140311', '140303', '140302'] },
  { code: 'G6-45', group: 'G6', zone: 'Z6', keyArea: 'K13', name: '阳泉市建筑垃圾资源利用一体化生态工厂项目', type: 'urban_space', counties: ['140322', '140321', '140311', '140303', '140302'] },
  { code: 'G6-46', group: 'G6', zone: 'Z6', keyArea: 'K13', name: '阳泉市医疗废物处置中心建设工程', type: 'urban_space', counties: ['140322', '140321', '140311', '140303', '140302'] },
  { code: 'G6-47', group: 'G6', zone: 'Z6', keyArea: 'K13', name: '阳泉市大件垃圾和园林绿化垃圾处理厂建设工程', type: 'urban_space', counties: ['140322', '140321', '140311', '140303', '140302'] },
  // 桃河 (河) → water_ecosystem by the keyword rule, although a 中水 (reclaimed-water) pipe network
  // could equally be read as urban infrastructure.
  { code: 'G6-48', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '阳泉市桃河中水管网建设工程', type: 'water_ecosystem', counties: ['140322', '140321', '140311', '140303', '140302'] },
  // OCR "建设工程 ppp 项目" → "建设工程PPP项目" (spaces removed, abbreviation upper-cased).
  { code: 'G6-49', group: 'G6', zone: 'Z6', keyArea: 'K11', name: '阳泉市新建污水处理厂建设工程PPP项目', type: 'water_ecosystem', counties: ['140322', '140321', '140311', '140303', '140302'] },

  // ── G7 生态网络构建与生物多样性保护 (全域; no zone → keyArea null) — all six counties
  { code: 'G7-01', group: 'G7', zone: null, keyArea: null, name: '生物多样性本底调查工程', type: 'ecological_network', counties: ['140302', '140303', '140311', '140321', '140322', '140371'] },
  { code: 'G7-02', group: 'G7', zone: null, keyArea: null, name: '国土空间生物多样性保护工程', type: 'ecological_network', counties: ['140302', '140303', '140311', '140321', '140322', '140371'] },
  { code: 'G7-03', group: 'G7', zone: null, keyArea: null, name: '信息化监测系统建设工程', type: 'ecological_network', counties: ['140302', '140303', '140311', '140321', '140322', '140371'] },
  { code: 'G7-04', group: 'G7', zone: null, keyArea: null, name: '主要河流及道路沿线生态廊道建设项目', type: 'ecological_network', counties: ['140302', '140303', '140311', '140321', '140322', '140371'] },
  { code: 'G7-05', group: 'G7', zone: null, keyArea: null, name: '石太高铁（盂县段）沿线生态廊道建设项目', type: 'ecological_network', counties: ['140322'] },
  { code: 'G7-06', group: 'G7', zone: null, keyArea: null, name: '城市生态廊道及环城绿化建设工程', type: 'ecological_network', counties: ['140302', '140303', '140311', '140321', '140322', '140371'] },
];

/**
 * 规划指标 — 第二章 二、阶段目标 ("到 2025 年…" and "到 2035 年…" paragraphs).
 * baseline2020: the plan states no 2020 value for any of these indicators, so all are null.
 * (第一章 gives related but different figures — e.g. 水土流失治理度 56.1%→71.2%, 林地总面积
 * 2622.18 km² — which are not the same indicators and are not used.)
 */
export const INDICATORS: IndicatorSeed[] = [
  {
    code: 'I01', name: '生态保护红线面积', nameEn: 'Ecological protection red line area', unit: 'km²', comparator: 'gte',
    baseline2020: null, target2025: '1160.94', target2035: '1160.94',
    note: '不少于 (not less than) 1160.94 km² in both 2025 and 2035.',
  },
  {
    code: 'I02', name: '森林覆盖率', nameEn: 'Forest coverage rate', unit: '%', comparator: 'gte',
    baseline2020: null, target2025: '29.20', target2035: '37.76',
    note: null,
  },
  {
    code: 'I03', name: '草原综合植被盖度', nameEn: 'Comprehensive grassland vegetation cover', unit: '%', comparator: 'gte',
    baseline2020: null, target2025: '81.12', target2035: '85',
    note: null,
  },
  {
    code: 'I04', name: '水土保持率', nameEn: 'Soil and water conservation rate', unit: '%', comparator: 'gte',
    baseline2020: null, target2025: '62.81', target2035: '74.08',
    note: null,
  },
  {
    code: 'I05', name: '新增水土流失治理面积', nameEn: 'Newly treated soil-erosion area', unit: 'km²', comparator: 'gte',
    baseline2020: null, target2025: '475', target2035: null,
    note: 'Additional (新增) area treated by 2025. The plan states no 2035 value (null).',
  },
  {
    code: 'I06', name: '持证矿山环境问题治理恢复率', nameEn: 'Remediation rate of environmental problems at licensed mines', unit: '%', comparator: 'gte',
    baseline2020: null, target2025: '100', target2035: null,
    note: 'The plan states no 2035 value (null).',
  },
  {
    code: 'I07', name: '湿地保护率', nameEn: 'Wetland protection rate', unit: '%', comparator: 'eq',
    baseline2020: null, target2025: '21.80', target2035: '21.80',
    note: '维持在 (maintained at) 21.80% in 2025 and 2035. "Maintained" suggests the current rate is 21.80%, but the plan does not state a 2020 value, so baseline2020 is null.',
  },
  {
    code: 'I08', name: '重要河湖自然岸线保有率', nameEn: 'Natural shoreline retention rate of important rivers and lakes', unit: '%', comparator: 'gte',
    baseline2020: null, target2025: '35', target2035: '40',
    note: null,
  },
  {
    code: 'I09', name: '野生动物重要栖息地面积增长', nameEn: 'Growth in area of important wildlife habitat', unit: '%', comparator: 'gte',
    baseline2020: null, target2025: '5', target2035: null,
    note: 'Growth of 5% by 2025 (reference base not stated). The plan states no 2035 value (null).',
  },
];
