import { Alert, Text } from '@backstage/ui';
import { EKS_CLUSTER_ARN_ANNOTATION } from 'backstage-plugin-eks-encryption-common';
import type { AnnotationError } from '../../api';
import { useFormatters } from '../shared/format';

/** The tokens of the cluster ARN annotation that could not be used, and why. */
export function AnnotationErrorsPanel(props: { errors: AnnotationError[] }) {
  const { errors } = props;
  const { t, number } = useFormatters();
  if (errors.length === 0) return null;
  // "Error:" in words: the alert's colour and icon alone say nothing to some readers.
  const title = t('entityCard.errorTitle', {
    title: t('entityCard.annotationErrors', {
      count: errors.length,
      annotation: EKS_CLUSTER_ARN_ANNOTATION,
      invalid: number(errors.length),
    }),
  });
  return (
    <Alert
      status="danger"
      icon
      mb="3"
      title={<span style={{ overflowWrap: 'anywhere' }}>{title}</span>}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 'var(--bui-space-5)' }}>
          {errors.map(error => (
            <li key={error.token}>
              <Text as="p" style={{ overflowWrap: 'anywhere' }}>
                <code>{error.token}</code>: {error.reason}
              </Text>
            </li>
          ))}
        </ul>
      }
    />
  );
}
