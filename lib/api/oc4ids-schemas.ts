import { z } from 'zod';

/*
 * The OC4IDS 0.9 project package as the portal writes it, for the OpenAPI document and to check
 * each answer before it leaves (lib/api/respond.ts jsonOf). The standard's own JSON Schema
 * (draft-04, project-package-schema.json) is what tests/integration/oc4ids.test.ts validates the
 * answers against; this one describes the fields the portal fills. Amounts are JSON numbers in
 * yuan (the standard's Value.amount), written exactly from integer fen: at most two decimals.
 */

const dateTime = z.string().describe('ISO 8601 date-time');
const value = z.object({ amount: z.number().describe('yuan, exact from integer fen: at most two decimals'), currency: z.literal('CNY') });
const reference = z.object({ id: z.string(), name: z.string() });
const classification = z.object({ scheme: z.string(), id: z.string(), description: z.string(), description_en: z.string() });

const partySchema = z.object({
  id: z.string().describe("the portal's organisation or payee code"),
  name: z.string(),
  name_en: z.string(),
  roles: z.array(z.enum(['funder', 'sourceParty', 'publicAuthority', 'supplier', 'payee'])),
});

const locationSchema = z.object({
  id: z.string(),
  description: z.string(),
  description_en: z.string(),
  gazetteer: z.object({ scheme: z.string(), identifiers: z.array(z.string()) }),
  address: z.object({ countryName: z.string(), region: z.string(), locality: z.string(), streetAddress: z.string().optional() }),
});

const budgetSchema = z.object({
  description: z.string(),
  description_en: z.string(),
  amount: value.describe('net public funds received, as the project page reports; withheld lines are in no figure'),
  budgetBreakdowns: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      description_en: z.string(),
      budgetBreakdown: z.array(
        z.object({
          id: z.string().describe('fund level and funder code'),
          description: z.string(),
          description_en: z.string(),
          amount: value,
          period: z.object({ startDate: dateTime, endDate: dateTime }),
          sourceParty: reference.optional(),
        }),
      ),
    }),
  ),
});

const documentSchema = z.object({
  id: z.string(),
  documentType: z.enum(['budgetApproval', 'financialProgressReport', 'projectEvaluation']),
  title: z.string(),
  description: z.string(),
  url: z.string().describe('the publication page, with every version and the diff'),
  datePublished: dateTime,
  dateModified: dateTime,
  format: z.literal('text/html'),
  language: z.literal('zh'),
  author: z.string().optional(),
  contentHash: z.string().describe('extension: SHA-256 of the content and notice as the public sees them (as /api/public/publications gives it)'),
});

export const oc4idsProjectSchema = z.object({
  id: z.string().describe('oc4ids-yqstxf-<project code>'),
  updated: dateTime.optional(),
  language: z.literal('zh'),
  identifiers: z.array(z.object({ id: z.string(), scheme: z.string() })),
  publicAuthority: reference.optional(),
  title: z.string(),
  description: z.string(),
  description_en: z.string().optional(),
  status: z.enum(['identification', 'preparation', 'implementation', 'completion', 'maintenance', 'decommissioning', 'decommissioned', 'cancelled']),
  type: z.enum(['construction', 'rehabilitation', 'replacement', 'expansion', 'decommissioning']).optional(),
  sector: z.array(z.string()),
  additionalClassifications: z.array(classification),
  period: z.object({ startDate: dateTime.optional(), endDate: dateTime.optional() }).optional(),
  locations: z.array(locationSchema).optional(),
  budget: budgetSchema.optional().describe('absent until public money reaches the project'),
  parties: z.array(partySchema),
  documents: z.array(documentSchema).optional(),
  completion: z.object({ endDate: dateTime, endDateDetails: z.string(), finalValue: value, finalValueDetails: z.string() }).optional(),
});

/** An OC4IDS project package of public projects. */
export const oc4idsPackageSchema = z.object({
  uri: z.string(),
  publishedDate: dateTime,
  version: z.literal('0.9'),
  publisher: z.object({ name: z.string(), name_en: z.string(), uri: z.string() }),
  projects: z.array(oc4idsProjectSchema),
});

export const OC4IDS_ENDPOINTS = [
  {
    path: '/api/public/oc4ids/projects.json',
    summary: 'Every public project as an OC4IDS 0.9 project package: parties, budget by source party, status, locations, documents with hashes, completion and evaluation results',
    schema: oc4idsPackageSchema,
  },
  { path: '/api/public/oc4ids/projects/{code}', summary: 'One public project as an OC4IDS 0.9 project package', schema: oc4idsPackageSchema },
] as const;
