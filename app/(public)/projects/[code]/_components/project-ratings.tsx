import { DataTable } from '@/components/table/data-table';
import type { ProjectRatingsDto } from '@/lib/dal/public/ratings';
import type { Messages } from '@/lib/i18n/zh';

const SCORES = [5, 4, 3, 2, 1] as const;

/** The confirmed citizens' ratings of a project: average, count, satisfied share and the count per score. */
export function ProjectRatings({ ratings, m }: { ratings: ProjectRatingsDto; m: Messages }) {
  const p = m.citizen.project;
  if (ratings.ratings === 0) return <p className="muted" data-testid="project-ratings-none">{p.ratingsNone}</p>;
  return (
    <div className="stack" data-testid="project-ratings">
      <p data-testid="project-ratings-summary">
        {p.ratingsSummary
          .replace('{average}', ratings.average ?? '—')
          .replace('{count}', String(ratings.ratings))
          .replace('{percent}', ratings.satisfiedPercent ?? '—')}
      </p>
      <DataTable
        testId="project-ratings-by-score"
        columns={[
          { id: 'score', header: m.citizen.project.ratings },
          { id: 'count', header: p.ratingsCount, numeric: true },
        ]}
        rows={SCORES.map((s) => ({ _key: String(s), score: p.ratingsScore.replace('{score}', String(s)), count: String(ratings.byScore[s]) }))}
      />
    </div>
  );
}
