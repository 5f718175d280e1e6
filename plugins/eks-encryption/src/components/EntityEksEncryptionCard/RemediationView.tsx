import { Box, Text } from '@backstage/ui';
import type { Remediation } from '../../api';
import { useEksTranslation } from '../shared/format';
import { RemediationSnippet } from './RemediationSnippet';

/** Console steps, then each snippet (AWS CLI, Terraform, eksctl, kubectl) with a copy button. */
export function RemediationView(props: { remediation: Remediation }) {
  const { steps, snippets } = props.remediation;
  const { t } = useEksTranslation();
  if (steps.length === 0 && snippets.length === 0) return null;
  return (
    <Box mt="4">
      {/* The check above is a level-5 heading. */}
      <Text as="h6" variant="body-large" weight="bold">
        {t('remediation.heading')}
      </Text>
      {steps.length > 0 && (
        <ol style={{ paddingInlineStart: 'var(--bui-space-5)' }}>
          {steps.map((step, index) => (
            <li key={index}>
              <Text as="p" style={{ overflowWrap: 'anywhere' }}>
                {step}
              </Text>
            </li>
          ))}
        </ol>
      )}
      {snippets.map(snippet => (
        <RemediationSnippet key={snippet.title} snippet={snippet} />
      ))}
    </Box>
  );
}
