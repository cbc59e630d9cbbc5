import { GRADE_NAMES } from '@/lib/domain/evaluation';
import type { EvaluationInput, ProjectInput, PublicationInput } from './input';

/**
 * OC4IDS documentType of each publication naming the project: an evaluation result is the
 * projectEvaluation; a document that brought money to the project (or a batch's result and formula
 * that allocated it) is the budgetApproval; one that only paid contractors from it reports
 * financial progress (dates and amounts of payments and their source).
 */
function documentTypeOf(pub: PublicationInput, fundingIds: ReadonlySet<number>): 'projectEvaluation' | 'budgetApproval' | 'financialProgressReport' {
  if (pub.kind === 'evaluation_result') return 'projectEvaluation';
  if (pub.kind === 'allocation_result' && pub.subjectType === 'transfer_document' && !fundingIds.has(pub.id)) return 'financialProgressReport';
  return 'budgetApproval';
}

function evaluationText(e: EvaluationInput): string {
  const [grade] = GRADE_NAMES[e.grade];
  const parts = [`${e.year} 年度绩效评价结果：总分 ${e.totalScore}，等级“${grade}”`, e.summary, e.findings && `发现的问题：${e.findings}`];
  return parts.filter(Boolean).join('。\n\n');
}

/**
 * Every public publication naming the project, at its latest public version, with the hash the
 * portal publishes of it (the `contentHash` extension field: SHA-256 of the content and notice as
 * the public sees them, as /api/public/publications gives it) and its page as the link.
 */
export function documentsOf(p: ProjectInput, origin: string) {
  const funding = new Set(p.fundingPublicationIds);
  const evaluations = new Map(p.evaluations.map((e) => [e.publicationId, e]));
  return p.publications.map((pub) => {
    const evaluation = evaluations.get(pub.id);
    const demo = pub.isDemo ? '（演示数据）' : '';
    const description = evaluation ? `${evaluationText(evaluation)}${demo}` : [pub.docNumber && `文号：${pub.docNumber}`, `第 ${pub.version} 版`].filter(Boolean).join('，') + demo;
    return {
      id: `publication-${pub.id}`,
      documentType: documentTypeOf(pub, funding),
      title: pub.title,
      description,
      url: `${origin}/disclosure/publications/${pub.id}`,
      datePublished: pub.firstPublishedAt,
      dateModified: pub.publishedAt,
      format: 'text/html' as const,
      language: 'zh' as const,
      ...(evaluation?.evaluatorOrganisation ? { author: evaluation.evaluatorOrganisation } : {}),
      contentHash: pub.contentHash,
    };
  });
}
