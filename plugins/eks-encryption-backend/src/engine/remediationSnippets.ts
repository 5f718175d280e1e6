import {
  SECRETS_REWRITTEN_AT_ANNOTATION,
  type ClusterArn,
  type RemediationSnippet,
} from 'backstage-plugin-eks-encryption-common';
import type { AwsAction } from 'backstage-plugin-eks-encryption-node';

/** The command that rewrites every Secret so the API server stores it anew. */
export const REWRITE_SECRETS_COMMAND =
  'kubectl get secrets --all-namespaces -o json | kubectl replace -f -';

export function keyPlaceholder(cluster: ClusterArn): string {
  return `arn:${cluster.partition}:kms:${cluster.region}:${cluster.accountId}:key/<key-id>`;
}

export function encryptionConfigJson(keyArn: string): string {
  return `'[{"resources":["secrets"],"provider":{"keyArn":"${keyArn}"}}]'`;
}

/** HCL lines of a `tags` argument, each ending in a newline. */
export function tagsHcl(tags: readonly string[]): string {
  if (tags.length === 0) return '';
  const lines = tags
    .map(t => `    ${JSON.stringify(t)} = "<value>"\n`)
    .join('');
  return `  tags = {\n${lines}  }\n`;
}

export function terraformKmsKey(
  description: string,
  rotationDays: number,
  tags: readonly string[],
): string {
  return [
    'resource "aws_kms_key" "eks" {\n',
    `  description             = ${JSON.stringify(description)}\n`,
    '  enable_key_rotation     = true\n',
    `  rotation_period_in_days = ${rotationDays}\n`,
    tagsHcl(tags),
    '}',
  ].join('');
}

export const TERRAFORM_ENCRYPTION_CONFIG = [
  '  encryption_config {',
  '    resources = ["secrets"]',
  '    provider {',
  '      key_arn = aws_kms_key.eks.arn',
  '    }',
  '  }',
].join('\n');

export function createKeyCommands(
  cluster: ClusterArn,
  rotationDays: number,
  tags: readonly string[],
): string {
  const key = keyPlaceholder(cluster);
  const tagArgs = tags.length
    ? ` \\\n  --tags ${tags.map(t => `TagKey=${t},TagValue=<value>`).join(' ')}`
    : '';
  return [
    `aws kms create-key --region ${cluster.region} \\`,
    `  --description "EKS Secrets encryption for ${cluster.name}"${tagArgs}`,
    `aws kms enable-key-rotation --region ${cluster.region} \\`,
    `  --key-id ${key} --rotation-period-in-days ${rotationDays}`,
  ].join('\n');
}

export function rewriteSnippet(cluster: ClusterArn): RemediationSnippet {
  return {
    title: 'Rewrite existing Secrets (kubectl)',
    language: 'shell',
    code: [
      `aws eks update-kubeconfig --name ${cluster.name} --region ${cluster.region}`,
      REWRITE_SECRETS_COMMAND,
    ].join('\n'),
  };
}

export function attestationSnippet(): RemediationSnippet {
  return {
    title: 'Attest the rewrite (catalog entity or cluster Resource)',
    language: 'yaml',
    code: [
      'metadata:',
      '  annotations:',
      `    ${SECRETS_REWRITTEN_AT_ANNOTATION}: 'YYYY-MM-DDThh:mm:ssZ'`,
    ].join('\n'),
  };
}

/** The AWS CLI command that repeats a call, to check access with the same identity. */
export function reproduceCommand(
  action: AwsAction,
  region: string,
  resource: { clusterName?: string; keyRef?: string; updateId?: string },
): string {
  const name = resource.clusterName ?? '<cluster-name>';
  const key = resource.keyRef ?? '<key-arn>';
  switch (action) {
    case 'eks:DescribeCluster':
      return `aws eks describe-cluster --region ${region} --name ${name}`;
    case 'eks:ListUpdates':
      return `aws eks list-updates --region ${region} --name ${name}`;
    case 'eks:DescribeUpdate':
      return `aws eks describe-update --region ${region} --name ${name} --update-id ${
        resource.updateId ?? '<update-id>'
      }`;
    case 'kms:DescribeKey':
      return `aws kms describe-key --region ${region} --key-id ${key}`;
    case 'kms:GetKeyRotationStatus':
      return `aws kms get-key-rotation-status --region ${region} --key-id ${key}`;
    case 'kms:GetKeyPolicy':
      return `aws kms get-key-policy --region ${region} --key-id ${key} --policy-name default`;
    default:
      return `aws kms list-resource-tags --region ${region} --key-id ${key}`;
  }
}
