import type {
  Remediation,
  RemediationSnippet,
} from 'backstage-plugin-eks-encryption-common';
import type {
  AwsAction,
  AwsFailure,
} from 'backstage-plugin-eks-encryption-node';
import { isKmsKeyArn } from './arns';
import { reproduceCommand } from './remediationSnippets';

function iamResource(
  failure: AwsFailure,
  resource: { clusterArn?: string; keyRef?: string },
): string {
  if (failure.action.startsWith('eks:')) return resource.clusterArn ?? '*';
  // IAM authorises KMS calls on the key ARN, also when the call names an alias.
  return resource.keyRef && isKmsKeyArn(resource.keyRef)
    ? resource.keyRef
    : '*';
}

/** A call that gave no answer: grant the permission, add credentials, or retry. */
export function failedCallRemediation(
  failure: AwsFailure,
  resource: {
    clusterArn?: string;
    clusterName?: string;
    keyRef?: string;
    updateId?: string;
  },
): Remediation {
  const reproduce: RemediationSnippet = {
    title: 'Repeat the call with the identity the auditor uses',
    language: 'shell',
    code: reproduceCommand(failure.action, failure.region, resource),
  };
  if (failure.kind === 'no-credentials') {
    return {
      steps: [
        `Give the auditor credentials for account ${failure.accountId}: add it under aws.accounts in app-config.yaml (with roleName of a read-only role in that account), or set aws.accountDefaults.roleName.`,
        `The role needs ${failure.action}; KMS key policies and tags can only be read with credentials in the key's own account.`,
      ],
      snippets: [
        {
          title: 'app-config.yaml',
          language: 'yaml',
          code: [
            'aws:',
            '  accounts:',
            `    - accountId: '${failure.accountId}'`,
            '      roleName: <read-only-audit-role>',
          ].join('\n'),
        },
        reproduce,
      ],
    };
  }
  if (failure.kind === 'access-denied') {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: failure.action,
          Resource: iamResource(failure, resource),
        },
      ],
    };
    const keyPolicyStep = failure.action.startsWith('kms:')
      ? [
          `The key policy must allow it too: add the auditor's role to a statement allowing ${failure.action}.`,
        ]
      : [];
    return {
      steps: [
        `Allow ${failure.action} to the role the auditor uses in account ${failure.accountId} (IAM console → Roles → the role → Add permissions).`,
        ...keyPolicyStep,
      ],
      snippets: [
        {
          title: 'IAM policy statement',
          language: 'json',
          code: JSON.stringify(policy, null, 2),
        },
        reproduce,
      ],
    };
  }
  return unusableAnswerRemediation(
    failure.action,
    failure.region,
    resource,
    `gave no usable answer (${failure.message || failure.kind})`,
  );
}

/** A call that answered with something the checks cannot read. */
export function unusableAnswerRemediation(
  action: AwsAction,
  region: string,
  resource: { clusterName?: string; keyRef?: string; updateId?: string },
  what: string,
): Remediation {
  return {
    steps: [
      `${action} ${what}; the next run tries again.`,
      'If it persists, repeat the call below from the backend host and check connectivity, throttling and the configured endpoint.',
    ],
    snippets: [
      {
        title: 'Repeat the call with the identity the auditor uses',
        language: 'shell',
        code: reproduceCommand(action, region, resource),
      },
    ],
  };
}
