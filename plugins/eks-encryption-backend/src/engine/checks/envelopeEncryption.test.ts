import {
  ACCOUNT,
  checkContext,
  remediationText,
} from './__testUtils__/checkContext';
import { envelopeEncryptionCheck } from './envelopeEncryption';

const judge = envelopeEncryptionCheck.judge;
const KEY_PLACEHOLDER = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/<key-id>`;

describe('envelope-encryption check', () => {
  it('is a critical check', () => {
    expect(envelopeEncryptionCheck).toMatchObject({
      id: 'envelope-encryption',
      severity: 'critical',
    });
  });

  it('passes for a cluster whose encryption config names a KMS key', () => {
    const result = judge(checkContext());
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'Secrets are envelope-encrypted with a KMS key',
    );
  });

  it('passes for 1.28 and later without a key: the AWS-owned default key', () => {
    const result = judge(
      checkContext({ key: 'none', eks: { version: '1.29' } }),
    );
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'Secrets are envelope-encrypted with the AWS-owned default key (Kubernetes 1.29)',
    );
  });

  it('fails before 1.28 without a key, with every way to associate one', () => {
    const result = judge(
      checkContext({ name: 'old', key: 'none', eks: { version: '1.27' } }),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'Secrets are not envelope-encrypted (Kubernetes 1.27, no KMS key)',
    );
    const text = remediationText(result);
    expect(text).toContain(
      'aws eks associate-encryption-config --cluster-name old --region eu-west-1',
    );
    expect(text).toContain(
      `--encryption-config '[{"resources":["secrets"],"provider":{"keyArn":"${KEY_PLACEHOLDER}"}}]'`,
    );
    expect(text).toContain(
      `eksctl utils enable-secrets-encryption --cluster old --region eu-west-1 --key-arn ${KEY_PLACEHOLDER}`,
    );
    expect(text).toContain('encryption_config {');
    expect(text).toContain('key_arn = aws_kms_key.eks.arn');
    expect(text).toContain('enable_key_rotation     = true');
    expect(text).toContain(
      'kubectl get secrets --all-namespaces -o json | kubectl replace -f -',
    );
  });

  it('is unknown without a key when the version cannot be read', () => {
    const result = judge(
      checkContext({ key: 'none', eks: { version: 'latest' } }),
    );
    expect(result.status).toBe('unknown');
    expect(result.summary).toBe(
      `Not verified: eks:DescribeCluster in account ${ACCOUNT} returned no readable Kubernetes version`,
    );
  });
});
