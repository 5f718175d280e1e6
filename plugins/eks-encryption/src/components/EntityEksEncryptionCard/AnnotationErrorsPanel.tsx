import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { EKS_CLUSTER_ARN_ANNOTATION } from 'backstage-plugin-eks-encryption-common';
import type { AnnotationError } from '../../api';
import { useFormatters } from '../shared/format';

/** The tokens of the cluster ARN annotation that could not be used, and why. */
export function AnnotationErrorsPanel(props: { errors: AnnotationError[] }) {
  const { errors } = props;
  const { t, number } = useFormatters();
  if (errors.length === 0) return null;
  return (
    <WarningPanel
      severity="error"
      defaultExpanded
      title={t('entityCard.annotationErrors', {
        count: errors.length,
        annotation: EKS_CLUSTER_ARN_ANNOTATION,
        invalid: number(errors.length),
      })}
    >
      <ul>
        {errors.map(error => (
          <li key={error.token}>
            <Typography variant="body2">
              <code>{error.token}</code>: {error.reason}
            </Typography>
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
}
