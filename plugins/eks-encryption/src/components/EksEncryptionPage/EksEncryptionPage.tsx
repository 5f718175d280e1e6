import { Page } from '@backstage/core-components';
import { Header } from '@backstage/ui';
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
    // The legacy app's sidebar layout leaves scrolling to the page frame.
    <Page themeId="tool">
      {/* The frame is a grid of core-components areas, which Backstage UI's
          header does not name: one item across every column holds both. */}
      <div style={{ gridColumn: '1 / -1' }}>
        <Header title={t('common.title')} description={t('orgPage.subtitle')} />
        <EksEncryptionPageContent />
      </div>
    </Page>
  );
}
