import {
  awsFailure,
  checkContext,
  KEY_ARN,
  remediationText,
  resolvedKey,
  unresolvedKey,
} from './__testUtils__/checkContext';
import { keyUsableCheck } from './keyUsable';

const judge = keyUsableCheck.judge;

describe('key-usable check', () => {
  it('is a critical check', () => {
    expect(keyUsableCheck).toMatchObject({
      id: 'key-usable',
      severity: 'critical',
    });
  });

  it('passes for an enabled key without KMS health issues', () => {
    expect(judge(checkContext()).status).toBe('pass');
  });

  it('fails for a key pending deletion, naming the deletion date', () => {
    const result = judge(
      checkContext({
        key: resolvedKey({
          metadata: {
            keyState: 'PendingDeletion',
            deletionDate: '2025-01-17T00:00:00.000Z',
          },
        }),
        eks: {
          healthIssues: [
            {
              code: 'KmsKeyMarkedForDeletion',
              message: 'key pending deletion',
            },
          ],
        },
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'The KMS key is scheduled for deletion on 2025-01-17 (in 7 days): the cluster will lose its Secrets',
    );
    expect(result.details).toContain('KmsKeyMarkedForDeletion');
    expect(remediationText(result)).toContain(
      `aws kms cancel-key-deletion --region eu-west-1 --key-id ${KEY_ARN}`,
    );
  });

  it('fails for a disabled key with the enable-key command', () => {
    const result = judge(
      checkContext({
        key: resolvedKey({ metadata: { keyState: 'Disabled' } }),
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'The KMS key is disabled: the cluster cannot decrypt its Secrets',
    );
    expect(remediationText(result)).toContain(
      `aws kms enable-key --region eu-west-1 --key-id ${KEY_ARN}`,
    );
  });

  it('fails for a key in another state, with what that state needs', () => {
    const result = judge(
      checkContext({
        key: resolvedKey({ metadata: { keyState: 'PendingImport' } }),
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'The KMS key is PendingImport, not Enabled: the cluster cannot rely on it',
    );
    expect(result.remediation?.steps[0]).toContain('import the material');
  });

  it('fails for an enabled key when EKS reports a revoked grant', () => {
    const result = judge(
      checkContext({
        eks: {
          healthIssues: [{ code: 'KmsGrantRevoked', message: 'grant revoked' }],
        },
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'EKS cannot use the enabled KMS key: KmsGrantRevoked',
    );
    expect(remediationText(result)).toContain('aws kms list-grants');
  });

  it('fails for a key that does not exist', () => {
    const result = judge(
      checkContext({
        key: unresolvedKey(awsFailure('kms:DescribeKey', 'not-found')),
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      `The KMS key ${KEY_ARN} does not exist: the cluster cannot decrypt its Secrets`,
    );
  });

  it('still fails on a KMS health issue when DescribeKey is denied', () => {
    const result = judge(
      checkContext({
        key: unresolvedKey(),
        eks: { healthIssues: [{ code: 'KmsKeyDisabled' }] },
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('EKS cannot use the KMS key: KmsKeyDisabled');
  });

  it('is unknown, never pass, when DescribeKey is denied and EKS reports nothing', () => {
    expect(judge(checkContext({ key: unresolvedKey() })).status).toBe(
      'unknown',
    );
  });

  it('is not applicable without a key', () => {
    expect(judge(checkContext({ key: 'none' })).status).toBe('not-applicable');
  });
});
