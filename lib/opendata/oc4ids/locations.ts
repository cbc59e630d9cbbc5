import type { ProjectInput } from './input';

/**
 * The gazetteer of the counties' codes: China's statistical division codes (统计用区划代码, first six
 * digits), which are the administrative division codes (GB/T 2260) of the districts and counties and
 * also number the development zone (140371). An open codelist entry of the portal's own naming.
 */
export const COUNTY_GAZETTEER = 'CN-NBS-DIVISION';

/** One location per county the project lies in; its town, when the record names one and the project lies in one county. */
export function locationsOf(p: ProjectInput) {
  const town = p.town && p.counties.length === 1 ? p.town : null;
  return p.counties.map((c) => ({
    id: `county-${c.code}`,
    description: `山西省阳泉市${c.name}${town ?? ''}`,
    description_en: `${c.nameEn}, Yangquan, Shanxi`,
    gazetteer: { scheme: COUNTY_GAZETTEER, identifiers: [c.code] },
    address: { countryName: '中国', region: '山西省', locality: `阳泉市${c.name}`, ...(town ? { streetAddress: town } : {}) },
  }));
}
