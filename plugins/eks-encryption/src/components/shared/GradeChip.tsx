import Chip from '@material-ui/core/Chip';
import type { Grade } from 'backstage-plugin-eks-encryption-common';

/** "Grade B · 85/100"; nothing before the first evaluation. */
export function GradeChip(props: {
  grade: Grade | null;
  score: number | null;
}) {
  const { grade, score } = props;
  if (grade === null) return null;
  const label =
    score === null ? `Grade ${grade}` : `Grade ${grade} · ${score}/100`;
  return <Chip size="small" label={label} />;
}
