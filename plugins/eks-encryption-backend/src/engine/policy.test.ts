import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { DEFAULT_EVALUATION_POLICY, readEvaluationPolicy } from './policy';

const read = (policy: JsonObject) =>
  readEvaluationPolicy(new ConfigReader({ eksEncryption: { policy } }));

describe('readEvaluationPolicy', () => {
  it('applies the defaults without eksEncryption.policy', () => {
    expect(readEvaluationPolicy(new ConfigReader({}))).toEqual({
      maxRotationDays: 365,
      keySharing: 'environment',
      requiredTags: ['owner'],
      environmentTagKeys: ['environment', 'env'],
      productionValues: ['production', 'prod'],
    });
    expect(read({})).toEqual(DEFAULT_EVALUATION_POLICY);
  });

  it('reads every setting', () => {
    expect(
      read({
        maxRotationDays: 180,
        keySharing: 'account',
        approvedKeyArns: [
          'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        ],
        requiredTags: ['team', ' cost-center '],
        environmentTagKeys: ['stage'],
        productionValues: ['live'],
      }),
    ).toEqual({
      maxRotationDays: 180,
      keySharing: 'account',
      approvedKeyArns: [
        'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      ],
      requiredTags: ['team', 'cost-center'],
      environmentTagKeys: ['stage'],
      productionValues: ['live'],
    });
  });

  it('accepts an empty list of required tags', () => {
    expect(read({ requiredTags: [] }).requiredTags).toEqual([]);
  });

  it.each([
    [
      { maxRotationDays: 30 },
      'Invalid config eksEncryption.policy.maxRotationDays: 30 is not a whole number of days from 90 to 2560',
    ],
    [{ maxRotationDays: 365.5 }, 'eksEncryption.policy.maxRotationDays: 365.5'],
    [
      { keySharing: 'team' },
      'Invalid config eksEncryption.policy.keySharing: "team" is not one of cluster, environment, account',
    ],
    [
      { approvedKeyArns: [] },
      'Invalid config eksEncryption.policy.approvedKeyArns: the list is empty',
    ],
    [
      { approvedKeyArns: ['arn:aws:kms:eu-west-1:111122223333:alias/eks'] },
      'Invalid config eksEncryption.policy.approvedKeyArns: "arn:aws:kms:eu-west-1:111122223333:alias/eks" is not a KMS key ARN',
    ],
    [
      { requiredTags: ['owner', ' '] },
      'Invalid config eksEncryption.policy.requiredTags: entries must not be empty',
    ],
    [
      { environmentTagKeys: [] },
      'Invalid config eksEncryption.policy.environmentTagKeys: list at least one value',
    ],
    [{ maxRotationDays: 'often' }, 'maxRotationDays'],
  ])('rejects %j', (policy, message) => {
    expect(() => read(policy)).toThrow(message);
  });
});
