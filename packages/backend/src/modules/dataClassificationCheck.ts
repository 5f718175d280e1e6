import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  eksEncryptionChecksExtensionPoint,
  type EksEncryptionCheck,
} from 'backstage-plugin-eks-encryption-node';

const TAG = 'data-classification';

/**
 * "Our policy also requires every cluster to say what data it holds": a check that
 * needs no AWS call of its own, judged from the cluster's tags that DescribeCluster
 * already returned.
 */
export const dataClassificationCheck: EksEncryptionCheck = {
  id: 'data-classification',
  title: 'Data classification tag',
  severity: 'medium',
  description: `The cluster carries a ${TAG} tag (public, internal, confidential or restricted).`,
  judge({ cluster, eks }) {
    const value = eks.tags[TAG]?.trim();
    if (value) {
      return {
        status: 'pass',
        summary: `The cluster is classified "${value}"`,
      };
    }
    return {
      status: 'fail',
      summary: `The cluster has no ${TAG} tag`,
      details: `${cluster.name} does not say what data it holds: without the ${TAG} tag, incident response cannot tell how sensitive its Secrets are.`,
      remediation: {
        steps: [
          `EKS console → cluster ${cluster.name} → Tags → Manage tags: add ${TAG} with public, internal, confidential or restricted.`,
        ],
        snippets: [
          {
            title: 'AWS CLI',
            language: 'shell',
            code: `aws eks tag-resource --region ${cluster.region} --resource-arn ${cluster.arn} --tags ${TAG}=<classification>`,
          },
        ],
      },
    };
  },
};

/** Adds the check to the scorecard of every evaluated cluster. */
export default createBackendModule({
  pluginId: 'eks-encryption',
  moduleId: 'data-classification-check',
  register(env) {
    env.registerInit({
      deps: { checks: eksEncryptionChecksExtensionPoint },
      async init({ checks }) {
        checks.addChecks(dataClassificationCheck);
      },
    });
  },
});
