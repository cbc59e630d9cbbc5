import {
  countyListSchema,
  countySchema,
  evaluationListSchema,
  indicatorTargetSchema,
  payeeListSchema,
  payeeSchema,
  programmeListSchema,
  programmeSchema,
  projectEvaluationsSchema,
  projectListSchema,
  projectSchema,
} from './public-resource-schemas';
import { FEEDBACK_STATS_PARAMETERS, feedbackStatsSchema } from './feedback-stats';
import { EVALUATION_QUERY_PARAMETERS, FORMAT_ONLY_PARAMETERS, PROGRAMME_QUERY_PARAMETERS, PROJECT_QUERY_PARAMETERS } from './public-resource-queries';

/** The public API's resources, described once; lib/api/openapi.ts documents them beside PUBLIC_ENDPOINTS. */
export const PUBLIC_RESOURCE_ENDPOINTS = [
  { path: '/api/public/programmes', summary: 'Programmes (专项资金) of the catalogue, every year, newest year first; filters year, level; format=csv for CSV', schema: programmeListSchema, parameters: PROGRAMME_QUERY_PARAMETERS },
  { path: '/api/public/programmes/{code}', summary: 'One programme: catalogue entry, disclosures, transfer documents and the money that arrived at each stage', schema: programmeSchema },
  { path: '/api/public/projects', summary: 'Public projects by code, with the filters of /projects, cursor-paged (limit/cursor); format=csv for CSV', schema: projectListSchema, parameters: PROJECT_QUERY_PARAMETERS },
  { path: '/api/public/projects/{code}', summary: 'One public project: funding by level with its documents, payees, stages, evaluation results', schema: projectSchema },
  { path: '/api/public/projects/{code}/evaluations', summary: "One project's published evaluation results in full, newest year first", schema: projectEvaluationsSchema },
  { path: '/api/public/counties', summary: "The city's counties with the money each received from the city (by fund level) and passed on to projects; format=csv for CSV", schema: countyListSchema, parameters: FORMAT_ONLY_PARAMETERS },
  { path: '/api/public/counties/{code}', summary: "One county's money by year and fund level", schema: countySchema },
  { path: '/api/public/payees', summary: 'Every payee (contractor) a published line pays, with the net amount; format=csv for CSV', schema: payeeListSchema, parameters: FORMAT_ONLY_PARAMETERS },
  { path: '/api/public/payees/{code}', summary: 'One payee: what it was paid, by fund level and year, and every published payment', schema: payeeSchema },
  { path: '/api/public/evaluations', summary: 'Published performance-evaluation results, by project, year and publication, cursor-paged (limit/cursor); filters project, programme, county, year, grade; format=csv for CSV', schema: evaluationListSchema, parameters: EVALUATION_QUERY_PARAMETERS },
  { path: '/api/public/feedback/stats', summary: "Citizens' questions, suggestions and reports per organisation assigned and month received (China time): received, answered on time, answered late, overdue now; filter year; format=csv for CSV", schema: feedbackStatsSchema, parameters: FEEDBACK_STATS_PARAMETERS },
  { path: '/api/public/indicators/{code}', summary: "One of the plan's indicators with its published reports and progress (all of them: /api/public/targets)", schema: indicatorTargetSchema },
] as const;
