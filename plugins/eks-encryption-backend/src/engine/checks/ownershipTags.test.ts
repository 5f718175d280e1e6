import {
  ACCOUNT,
  awsFailure,
  checkContext,
  KEY_ARN,
  remediationText,
  resolvedKey,
  unresolvedKey,
} from './__testUtils__/checkContext';
import { ownershipTagsCheck } from './ownershipTags';

const judge = ownershipTagsCheck.judge;

describe('ownership-tags check', () => {
  it('is a low check', () => {
    expect(ownershipTagsCheck).toMatchObject({
      id: 'ownership-tags',
      severity: 'low',
    });
  });

  it('passes when cluster and key carry the owner tag', () => {
    const result = judge(checkContext());
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'The cluster and its key carry the required tags (owner)',
    );
  });

  it('fails when the key lacks a required tag, hinting at the letter case', () => {
    const result = judge(
      checkContext({ key: resolvedKey({ tags: { Owner: 'team-a' } }) }),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('Missing required tags: owner on the key');
    expect(result.details).toContain(
      '"Owner" is present, but tag keys are case-sensitive',
    );
    expect(remediationText(result)).toContain(
      `aws kms tag-resource --region eu-west-1 --key-id ${KEY_ARN}`,
    );
  });

  it('judges only the cluster without a key', () => {
    const result = judge(checkContext({ key: 'none', eks: { tags: {} } }));
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('Missing required tags: owner on the cluster');
    expect(remediationText(result)).toContain(
      `aws eks tag-resource --region eu-west-1 --resource-arn arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/c`,
    );
  });

  it('counts a blank value as missing', () => {
    const result = judge(checkContext({ eks: { tags: { owner: '  ' } } }));
    expect(result.summary).toBe('Missing required tags: owner on the cluster');
  });

  it('judges only the cluster for a key AWS manages', () => {
    const result = judge(
      checkContext({
        key: resolvedKey({ metadata: { keyManager: 'AWS' }, tags: null }),
      }),
    );
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'The cluster carries the required tags (owner)',
    );
  });

  it('is unknown, never pass, when the key tags cannot be read', () => {
    const result = judge(
      checkContext({
        key: resolvedKey({ tags: awsFailure('kms:ListResourceTags') }),
      }),
    );
    expect(result.status).toBe('unknown');
    expect(result.summary).toBe(
      `Not verified: kms:ListResourceTags denied in account ${ACCOUNT}`,
    );
  });

  it('is unknown when the key could not be described', () => {
    expect(judge(checkContext({ key: unresolvedKey() })).status).toBe(
      'unknown',
    );
  });

  it('is not applicable when no tags are required', () => {
    expect(judge(checkContext({ policy: { requiredTags: [] } })).status).toBe(
      'not-applicable',
    );
  });
});
