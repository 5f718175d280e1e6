import {
  SECRETS_REWRITTEN_AT_ANNOTATION,
  type ClusterArn,
  type Remediation,
} from 'backstage-plugin-eks-encryption-common';
import { AWS_DEFAULT_ROTATION_DAYS } from './awsDefaults';
import {
  attestationSnippet,
  createKeyCommands,
  encryptionConfigJson,
  keyPlaceholder,
  REWRITE_SECRETS_COMMAND,
  rewriteSnippet,
  tagsHcl,
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

/** A disabled key: enable it again. */
export function enableKeyRemediation(key: KeyTarget): Remediation {
  return {
    steps: [
      `Open the AWS KMS console in ${key.region}, choose the key, then Key actions → Enable.`,
      'Check CloudTrail (DisableKey) for who disabled it, and guard the key with a policy that denies kms:DisableKey to everyone but key administrators.',
    ],
    snippets: [
      {
        title: 'AWS CLI',
        language: 'shell',
        code: `aws kms enable-key --region ${key.region} --key-id ${key.arn}`,
      },
    ],
  };
}

/** A key pending deletion: cancel the deletion and enable the key. */
export function cancelKeyDeletionRemediation(key: KeyTarget): Remediation {
  return {
    steps: [
      `Open the AWS KMS console in ${key.region}, choose the key, then Key actions → Cancel key deletion, then Key actions → Enable (a key whose deletion is cancelled stays disabled).`,
      'Check CloudTrail (ScheduleKeyDeletion) for who scheduled it, and deny kms:ScheduleKeyDeletion on this key to everyone but key administrators.',
    ],
    snippets: [
      {
        title: 'AWS CLI',
        language: 'shell',
        code: [
          `aws kms cancel-key-deletion --region ${key.region} --key-id ${key.arn}`,
          `aws kms enable-key --region ${key.region} --key-id ${key.arn}`,
        ].join('\n'),
      },
    ],
  };
}

/** EKS lost its grant on the key. */
export function grantRevokedRemediation(
  cluster: ClusterArn,
  key: KeyTarget,
): Remediation {
  return {
    steps: [
      'Find who revoked or retired the grant of Amazon EKS on the key in CloudTrail (RevokeGrant, RetireGrant).',
      `Make sure the key policy still lets the cluster role of ${cluster.name} use the key (kms:DescribeKey, kms:Encrypt, kms:Decrypt, kms:CreateGrant).`,
      'Open an AWS Support case to restore the cluster; if it cannot be restored, create a new cluster with a new key and migrate.',
    ],
    snippets: [
      {
        title: 'AWS CLI',
        language: 'shell',
        code: [
          `aws kms list-grants --region ${key.region} --key-id ${key.arn}`,
          `aws cloudtrail lookup-events --region ${key.region} \\`,
          '  --lookup-attributes AttributeKey=EventName,AttributeValue=RevokeGrant',
        ].join('\n'),
      },
    ],
  };
}

/** Rotation disabled or too slow. */
export function keyRotationRemediation(
  key: KeyTarget,
  rotationDays: number,
): Remediation {
  return {
    steps: [
      `Open the AWS KMS console in ${key.region}, choose the key, open the "Key rotation" tab, choose Edit, turn on automatic rotation every ${rotationDays} days and save.`,
    ],
    snippets: [
      {
        title: 'AWS CLI',
        language: 'shell',
        code: `aws kms enable-key-rotation --region ${key.region} --key-id ${key.arn} --rotation-period-in-days ${rotationDays}`,
      },
      {
        title: 'Terraform',
        language: 'hcl',
        code: [
          'resource "aws_kms_key" "eks" {',
          '  # ... existing arguments ...',
          '  enable_key_rotation     = true',
          `  rotation_period_in_days = ${rotationDays}`,
          '}',
        ].join('\n'),
      },
    ],
  };
}

/** What to change in a key policy: a step per statement, and the statements as corrected. */
export interface KeyPolicyFix {
  steps: string[];
  /** The corrected statements, to put in place of the ones with the same Sid or index. */
  statements?: unknown[];
}

/** A key policy that grants too much, or that could not be read. */
export function keyPolicyRemediation(
  key: KeyTarget,
  fix: KeyPolicyFix,
): Remediation {
  const statements = fix.statements ?? [];
  return {
    steps: [
      `Open the AWS KMS console in ${key.region}, choose the key, and on the "Key policy" tab choose Edit (or use the AWS CLI below).`,
      ...fix.steps,
    ],
    snippets: [
      {
        title: 'AWS CLI',
        language: 'shell',
        code: [
          `aws kms get-key-policy --region ${key.region} --key-id ${key.arn} \\`,
          '  --policy-name default --query Policy --output text > policy.json',
          '# edit policy.json, then:',
          `aws kms put-key-policy --region ${key.region} --key-id ${key.arn} \\`,
          '  --policy-name default --policy file://policy.json',
        ].join('\n'),
      },
      ...(statements.length
        ? [
            {
              title: 'Corrected statements (key policy JSON)',
              language: 'json' as const,
              code: JSON.stringify(statements, null, 2),
            },
          ]
        : []),
      {
        title: 'Terraform',
        language: 'hcl',
        code: [
          'resource "aws_kms_key_policy" "eks" {',
          '  key_id = aws_kms_key.eks.id',
          '  policy = file("${path.module}/eks-key-policy.json")',
          '}',
        ].join('\n'),
      },
    ],
  };
}

/** Required tags missing on the cluster, the key, or both. */
export function ownershipTagsRemediation(options: {
  cluster: ClusterArn;
  missingClusterTags: readonly string[];
  key?: KeyTarget;
  missingKeyTags: readonly string[];
}): Remediation {
  const { cluster, key, missingClusterTags, missingKeyTags } = options;
  const steps: string[] = [];
  const cli: string[] = [];
  const hcl: string[] = [];
  if (missingClusterTags.length) {
    steps.push(
      `EKS console → cluster ${
        cluster.name
      } → Tags → Manage tags: add ${missingClusterTags.join(', ')}.`,
    );
    cli.push(
      `aws eks tag-resource --region ${cluster.region} --resource-arn ${cluster.arn} \\`,
      `  --tags ${missingClusterTags.map(t => `${t}=<value>`).join(',')}`,
    );
    hcl.push(
      `resource "aws_eks_cluster" "this" {\n  # ... existing arguments ...\n${tagsHcl(
        missingClusterTags,
      )}}`,
    );
  }
  if (key && missingKeyTags.length) {
    steps.push(
      `AWS KMS console in ${
        key.region
      } → the key → Tags → Edit: add ${missingKeyTags.join(', ')}.`,
    );
    cli.push(
      `aws kms tag-resource --region ${key.region} --key-id ${key.arn} \\`,
      `  --tags ${missingKeyTags
        .map(t => `TagKey=${t},TagValue=<value>`)
        .join(' ')}`,
    );
    hcl.push(
      `resource "aws_kms_key" "eks" {\n  # ... existing arguments ...\n${tagsHcl(
        missingKeyTags,
      )}}`,
    );
  }
  return {
    steps,
    snippets: [
      { title: 'AWS CLI', language: 'shell', code: cli.join('\n') },
      { title: 'Terraform', language: 'hcl', code: hcl.join('\n\n') },
    ],
  };
}

/** A shell word: quoted unless it is made of characters the shell leaves alone. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@+-]+$/.test(value)
    ? value
    : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Secrets written before the association: rewrite them, then attest, preferably with
 * the cluster tag `tagName` (only those with rights on the cluster can set it).
 */
export function rewriteSecretsRemediation(
  cluster: ClusterArn,
  tagName: string,
): Remediation {
  return {
    steps: [
      `With cluster-admin access to ${cluster.name}, rewrite every Secret so the API server stores it encrypted with the key: ${REWRITE_SECRETS_COMMAND}`,
      `Record the rewrite with the cluster tag ${tagName} (the ISO 8601 time of the rewrite): aws eks tag-resource --resource-arn ${cluster.arn} --tags ${tagName}=<date>. Only those with rights on the cluster can set it.`,
      `Or annotate ${SECRETS_REWRITTEN_AT_ANNOTATION} on the entity or the cluster's Resource: the annotation counts only when every entity naming the cluster has the same owner.`,
    ],
    snippets: [
      rewriteSnippet(cluster),
      {
        title: 'Attest the rewrite (cluster tag)',
        language: 'shell',
        code: `aws eks tag-resource --region ${cluster.region} --resource-arn ${
          cluster.arn
        } --tags ${shellWord(tagName)}=$(date -u +%Y-%m-%dT%H:%M:%SZ)`,
      },
      attestationSnippet(),
    ],
  };
}

/** The rotation period a remediation proposes: the policy maximum, at most the AWS default. */
export function proposedRotationDays(maxRotationDays: number): number {
  return Math.min(maxRotationDays, AWS_DEFAULT_ROTATION_DAYS);
}

/** A key in a state other than Enabled, Disabled or pending deletion. */
export function keyStateRemediation(
  key: KeyTarget,
  keyState: string,
): Remediation {
  const steps: Record<string, string> = {
    Unavailable:
      'The key lives in a custom key store that is disconnected: reconnect it (KMS console → Custom key stores → Connect), and check the CloudHSM cluster or external key manager behind it.',
    PendingImport:
      'The key has no key material: import the material it was created for (KMS console → the key → Key material → Import key material).',
  };
  return {
    steps: [
      steps[keyState] ??
        `Bring the key from state ${keyState} back to Enabled in the AWS KMS console in ${key.region}.`,
    ],
    snippets: [
      {
        title: 'AWS CLI',
        language: 'shell',
        code: `aws kms describe-key --region ${key.region} --key-id ${key.arn} --query KeyMetadata.KeyState`,
      },
    ],
  };
}
