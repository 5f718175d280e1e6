import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
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
  return (
    <Box>
      <Typography variant="subtitle1" gutterBottom>
        {reason === 'not-installed'
          ? t('techInsights.notInstalledTitle')
          : t('techInsights.noChecksTitle')}
      </Typography>
      <Typography variant="body2" paragraph>
        {reason === 'not-installed'
          ? t('techInsights.notInstalledBody')
          : t('techInsights.noChecksBody')}
      </Typography>
      {reason === 'not-installed' && (
        <Box mb={2}>
          <CodeSnippet
            text={BACKEND_SNIPPET}
            language="typescript"
            showCopyCodeButton
          />
        </Box>
      )}
      <CodeSnippet text={CONFIG_SNIPPET} language="yaml" showCopyCodeButton />
      <Typography variant="body2" color="textSecondary">
        {t('techInsights.retrieverNote')}
      </Typography>
    </Box>
  );
}
