import { Header, Page } from '@backstage/core-components';
import { useEksTranslation } from '../shared/format';
import { EksEncryptionPageContent } from './EksEncryptionPageContent';

/**
 * The organisation's EKS Secrets encryption posture: KPIs, trend, owners and
 * clusters.
 *
 * @public
 */
export function EksEncryptionPage() {
  const { t } = useEksTranslation();
  return (
    <Page themeId="tool">
      <Header title={t('common.title')} subtitle={t('orgPage.subtitle')} />
      <EksEncryptionPageContent />
    </Page>
  );
}
