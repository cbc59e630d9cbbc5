import { z } from 'zod';
import { errorSchema } from '@/lib/api/public-schemas';

export const IATI_ACTIVITIES_PATH = '/api/public/iati/activities.xml';

const error = (description: string) => ({ description, content: { 'application/json': { schema: z.toJSONSchema(errorSchema) } } });

/** The IATI export's entry in the OpenAPI document (lib/api/openapi.ts spreads it into `paths`): XML, so described rather than schema-typed. */
export const IATI_OPENAPI_PATHS: Record<string, unknown> = {
  [IATI_ACTIVITIES_PATH]: {
    get: {
      summary:
        'IATI 2.03 activities XML: every public programme (hierarchy 1) and project (hierarchy 2) with reporting-org, participating orgs by role (1 funding, 3 extending, 4 implementing), status, dates, budgets and every published hop as transactions (2 commitment and 3 disbursement for 下达, 3 disbursement and 1 incoming funds for 拨付, 4 expenditure for 支付) whose provider-activity-id and receiver-activity-id link both ends; values in CNY with two decimals; withheld lines are absent',
      externalDocs: { description: 'IATI Activity Standard 2.03', url: 'https://iatistandard.org/en/iati-standard/203/activity-standard/' },
      responses: {
        '200': {
          description: 'An iati-activities document (version 2.03) that validates against iati-activities-schema.xsd',
          content: { 'application/xml': { schema: { type: 'string', contentMediaType: 'application/xml', description: 'IATI 2.03 iati-activities document' } } },
        },
        '503': error('Unavailable'),
        default: error("Any other refusal: a stable code and a message in the reader's language (Chinese unless the locale cookie says English)"),
      },
    },
  },
};
