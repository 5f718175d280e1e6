import {
  checkContext,
  KEY_ARN,
  remediationText,
  resolvedKey,
  unresolvedKey,
} from './__testUtils__/checkContext';
import { approvedKeyCheck } from './approvedKey';

const judge = approvedKeyCheck.judge;
const ALIAS = 'arn:aws:kms:eu-west-1:111122223333:alias/approved';
const OTHER_KEY =
  'arn:aws:kms:eu-west-1:111122223333:key/99999999-0000-4000-8000-000000000000';

describe('approved-key check', () => {
  it('is a high check', () => {
    expect(approvedKeyCheck).toMatchObject({
      id: 'approved-key',
      severity: 'high',
    });
  });

  it('is not applicable without approved keys', () => {
    expect(judge(checkContext()).status).toBe('not-applicable');
  });

  it('passes for an approved key named on the cluster, even unresolved', () => {
    const result = judge(
      checkContext({
        key: unresolvedKey(),
        policy: { approvedKeyArns: [KEY_ARN] },
      }),
    );
    expect(result.status).toBe('pass');
  });

  it('passes for an approved key reached through its alias', () => {
    const result = judge(
      checkContext({
        key: resolvedKey({ ref: ALIAS }),
        policy: { approvedKeyArns: [KEY_ARN] },
      }),
    );
    expect(result.status).toBe('pass');
    expect(result.details).toContain(`${ALIAS} resolves to ${KEY_ARN}`);
  });

  it('fails for a key not approved and proposes a new cluster with an approved key', () => {
    const result = judge(
      checkContext({ policy: { approvedKeyArns: [OTHER_KEY] } }),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'Secrets are encrypted with a KMS key that is not approved',
    );
    const text = remediationText(result);
    expect(text).toContain(OTHER_KEY);
    expect(text).not.toContain('associate-encryption-config --cluster-name');
  });

  it('is unknown when an alias cannot be resolved', () => {
    const result = judge(
      checkContext({
        key: unresolvedKey(undefined, ALIAS),
        policy: { approvedKeyArns: [KEY_ARN] },
      }),
    );
    expect(result.status).toBe('unknown');
  });
});
