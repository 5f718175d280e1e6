import {
  SECRETS_REWRITTEN_AT_ANNOTATION,
  type ClusterArn,
  type Remediation,
} from 'backstage-plugin-eks-encryption-common';
import { AWS_DEFAULT_ROTATION_DAYS } from './awsDefaults';
import {
  createKeyCommands,
  encryptionConfigJson,
  keyPlaceholder,
  REWRITE_SECRETS_COMMAND,
  rewriteSnippet,
  TERRAFORM_ENCRYPTION_CONFIG,
  terraformKmsKey,
} from './remediationSnippets';

/** A KMS key as remediation names it. */
export interface KeyTarget {
  arn: string;
  region: string;
}

/** Options shared by the builders that create a key. */
export interface NewKeyOptions {
  rotationDays: number;
  requiredTags: readonly string[];
}

/** A cluster without a KMS key: associate a new customer-managed key, then rewrite. */
export function associateKeyRemediation(
  cluster: ClusterArn,
  options: NewKeyOptions,
): Remediation {
  const key = keyPlaceholder(cluster);
  return {
    steps: [
      `Create a symmetric customer-managed KMS key in ${cluster.region} for this cluster alone, with automatic rotation (KMS console → Customer managed keys → Create key).`,
      `Open the Amazon EKS console in ${cluster.region}, choose cluster ${cluster.name}, and on the Overview tab under "Secrets encryption" choose Enable, select the key and confirm. The association takes several minutes and cannot be undone.`,
      `Secrets that exist before the association are not re-encrypted: rewrite them with "${REWRITE_SECRETS_COMMAND}" (eksctl does this by default).`,
      `Attest the rewrite with the cluster tag named by eksEncryption.policy.rewriteAttestationTag (default secrets-rewritten-at), or with the annotation ${SECRETS_REWRITTEN_AT_ANNOTATION} when one team owns every entity naming the cluster.`,
    ],
    snippets: [
      {
        title: 'AWS CLI',
        language: 'shell',
        code: [
          createKeyCommands(
            cluster,
            options.rotationDays,
            options.requiredTags,
          ),
          `aws eks associate-encryption-config --cluster-name ${cluster.name} --region ${cluster.region} \\`,
          `  --encryption-config ${encryptionConfigJson(key)}`,
        ].join('\n'),
      },
      {
        title: 'eksctl (also rewrites existing Secrets)',
        language: 'shell',
        code: `eksctl utils enable-secrets-encryption --cluster ${cluster.name} --region ${cluster.region} --key-arn ${key}`,
      },
      {
        title:
          'Terraform (associated in place when the cluster has no key yet)',
        language: 'hcl',
        code: [
          terraformKmsKey(
            `EKS Secrets encryption for ${cluster.name}`,
            options.rotationDays,
            options.requiredTags,
          ),
          '',
          'resource "aws_eks_cluster" "this" {',
          `  name = ${JSON.stringify(cluster.name)}`,
          '  # ... existing arguments ...',
          TERRAFORM_ENCRYPTION_CONFIG,
          '}',
        ].join('\n'),
      },
      rewriteSnippet(cluster),
    ],
  };
}

/**
 * A cluster whose key is wrong (AWS-managed, shared, not approved or gone): the key of a
 * cluster cannot be changed, so the fix is a new cluster created with the right key.
 */
export function newClusterRemediation(
  cluster: ClusterArn,
  why: string,
  options: NewKeyOptions & { version?: string; keyStep?: string },
): Remediation {
  const key = keyPlaceholder(cluster);
  const newName = `${cluster.name.slice(0, 96)}-v2`;
  const version = options.version ?? '<version>';
  return {
    steps: [
      `${why} EKS cannot change or remove the key of a cluster once associated, so associate-encryption-config cannot fix this.`,
      options.keyStep ??
        `Create a symmetric customer-managed KMS key in ${cluster.region} dedicated to the new cluster, with automatic rotation.`,
      `Create a new cluster with that key in its encryption config from the start (EKS console → Add cluster → "Turn on envelope encryption of Kubernetes secrets using KMS").`,
      `Migrate workloads and their Secrets to the new cluster (re-apply manifests or restore a backup), move traffic, then delete ${cluster.name}.`,
    ],
    snippets: [
      {
        title: 'AWS CLI',
        language: 'shell',
        code: [
          createKeyCommands(
            cluster,
            options.rotationDays,
            options.requiredTags,
          ),
          `aws eks create-cluster --name ${newName} --region ${cluster.region} \\`,
          `  --kubernetes-version ${version} --role-arn <cluster-role-arn> \\`,
          '  --resources-vpc-config subnetIds=<subnet-ids>,securityGroupIds=<security-group-ids> \\',
          `  --encryption-config ${encryptionConfigJson(key)}`,
        ].join('\n'),
      },
      {
        title: 'eksctl ClusterConfig (eksctl create cluster -f cluster.yaml)',
        language: 'yaml',
        code: [
          'apiVersion: eksctl.io/v1alpha5',
          'kind: ClusterConfig',
          'metadata:',
          `  name: ${newName}`,
          `  region: ${cluster.region}`,
          'secretsEncryption:',
          `  keyARN: ${key}`,
        ].join('\n'),
      },
      {
        title: 'Terraform',
        language: 'hcl',
        code: [
          terraformKmsKey(
            `EKS Secrets encryption for ${newName}`,
            options.rotationDays,
            options.requiredTags,
          ),
          '',
          'resource "aws_eks_cluster" "this" {',
          `  name    = ${JSON.stringify(newName)}`,
          `  version = ${JSON.stringify(version)}`,
          '  # ... role_arn, vpc_config ...',
          TERRAFORM_ENCRYPTION_CONFIG,
          '}',
        ].join('\n'),
      },
    ],
  };
}

/** The rotation period a remediation proposes: the policy maximum, at most the AWS default. */
export function proposedRotationDays(maxRotationDays: number): number {
  return Math.min(maxRotationDays, AWS_DEFAULT_ROTATION_DAYS);
}
