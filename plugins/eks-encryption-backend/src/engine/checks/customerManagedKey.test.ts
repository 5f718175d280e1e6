import {
  ACCOUNT,
  awsFailure,
  checkContext,
  remediationText,
  resolvedKey,
  unresolvedKey,
} from './__testUtils__/checkContext';
import { customerManagedKeyCheck } from './customerManagedKey';

const judge = customerManagedKeyCheck.judge;

describe('customer-managed-key check', () => {
  it('is a high check', () => {
    expect(customerManagedKeyCheck).toMatchObject({
      id: 'customer-managed-key',
      severity: 'high',
    });
  });

  it('passes for a customer-managed key', () => {
    const result = judge(checkContext());
    expect(result.status).toBe('pass');
    expect(result.details).toContain('KeyManager CUSTOMER');
  });

  it('fails without a key and proposes associating one', () => {
    const result = judge(checkContext({ key: 'none' }));
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('No customer-managed KMS key encrypts Secrets');
    expect(remediationText(result)).toContain(
      'aws eks associate-encryption-config',
    );
  });

  it('fails for an AWS-managed key and proposes a new cluster, never association', () => {
    const result = judge(
      checkContext({ key: resolvedKey({ metadata: { keyManager: 'AWS' } }) }),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'Secrets are encrypted with an AWS-managed KMS key',
    );
    const text = remediationText(result);
    expect(text).toContain('aws eks create-cluster --name c-v2');
    expect(text).toContain('secretsEncryption:');
    expect(text).not.toContain('associate-encryption-config --cluster-name');
  });

  it('is unknown when DescribeKey gave no KeyManager', () => {
    const result = judge(
      checkContext({ key: resolvedKey({ metadata: { keyManager: '' } }) }),
    );
    expect(result.status).toBe('unknown');
    expect(result.summary).toBe(
      `Not verified: kms:DescribeKey in account ${ACCOUNT} returned no KeyManager`,
    );
  });

  it('is unknown when DescribeKey is denied', () => {
    const result = judge(
      checkContext({ key: unresolvedKey(awsFailure('kms:DescribeKey')) }),
    );
    expect(result.status).toBe('unknown');
    expect(result.summary).toBe(
      `Not verified: kms:DescribeKey denied in account ${ACCOUNT}`,
    );
  });
});
