import { Badge } from '@backstage/ui';
import type { Grade } from 'backstage-plugin-eks-encryption-common';
import { useFormatters } from './format';

/** "Grade B · 85/100"; nothing before the first evaluation. */
export function GradeChip(props: {
  grade: Grade | null;
  score: number | null;
}) {
  const { grade, score } = props;
  const { t, number } = useFormatters();
  if (grade === null) return null;
  const label =
    score === null
      ? t('common.gradeChip', { grade })
      : t('common.gradeChipWithScore', { grade, score: number(score) });
  return (
    <Badge size="small" style={{ whiteSpace: 'nowrap' }}>
      {label}
    </Badge>
  );
}
