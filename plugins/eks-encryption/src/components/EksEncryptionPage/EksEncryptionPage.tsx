import { Header, Page } from '@backstage/core-components';
import { EksEncryptionPageContent } from './EksEncryptionPageContent';

/**
 * The organisation's EKS Secrets encryption posture: KPIs, trend, owners and
 * clusters.
 *
 * @public
 */
export function EksEncryptionPage() {
  return (
    <Page themeId="tool">
      <Header
        title="EKS Secrets encryption"
        subtitle="KMS envelope encryption of Kubernetes Secrets across the organisation"
      />
      <EksEncryptionPageContent />
    </Page>
  );
}
