import { CodeSnippet } from '@backstage/core-components';
import { Flex, Text } from '@backstage/ui';
import { useEksTranslation } from '../shared/format';

const BACKEND_SNIPPET = `// packages/backend/src/index.ts
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(
  import('backstage-plugin-tech-insights-backend-module-eks-encryption'),
);`;

const CONFIG_SNIPPET = `# app-config.yaml
techInsights:
  factRetrievers:
    eksEncryptionFactRetriever:
      cadence: '*/15 * * * *'
      lifecycle:
        timeToLive:
          weeks: 2
  factChecker:
    checks:
      # eks-envelope-encryption, eks-customer-managed-key, eks-key-usable, ...
      # copy them from the README of
      # backstage-plugin-tech-insights-backend-module-eks-encryption`;

/** How to get the `eks-*` checks when Tech Insights or the checks are missing. */
export function TechInsightsSetupPanel(props: {
  reason: 'not-installed' | 'no-checks';
}) {
  const { reason } = props;
  const { t } = useEksTranslation();
  // BUI has no code block: the core snippet keeps highlighting and copying.
  return (
    <Flex direction="column" gap="3">
      <Text as="h4" variant="title-x-small" weight="bold">
        {reason === 'not-installed'
          ? t('techInsights.notInstalledTitle')
          : t('techInsights.noChecksTitle')}
      </Text>
      <Text as="p">
        {reason === 'not-installed'
          ? t('techInsights.notInstalledBody')
          : t('techInsights.noChecksBody')}
      </Text>
      {reason === 'not-installed' && (
        <CodeSnippet
          text={BACKEND_SNIPPET}
          language="typescript"
          showCopyCodeButton
        />
      )}
      <CodeSnippet text={CONFIG_SNIPPET} language="yaml" showCopyCodeButton />
      <Text as="p">{t('techInsights.retrieverNote')}</Text>
    </Flex>
  );
}
