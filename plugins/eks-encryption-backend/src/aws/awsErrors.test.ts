import { KMSServiceException } from '@aws-sdk/client-kms';
import {
  awsFailure,
  classifyAwsError,
  noCredentialsFailure,
} from './awsErrors';

const at = { accountId: '111122223333', region: 'eu-west-1' };

describe('classifyAwsError', () => {
  it.each([
    ['AccessDeniedException', 'access-denied'],
    ['AccessDenied', 'access-denied'],
    ['UnauthorizedOperation', 'access-denied'],
    ['ResourceNotFoundException', 'not-found'],
    ['NotFoundException', 'not-found'],
    ['CredentialsProviderError', 'no-credentials'],
    ['ExpiredTokenException', 'no-credentials'],
    ['ThrottlingException', 'failed'],
    ['TimeoutError', 'failed'],
    ['AbortError', 'failed'],
    ['KMSInvalidStateException', 'failed'],
    ['SyntaxError', 'failed'],
  ])('%s → %s', (name, kind) => {
    const error = Object.assign(new Error('x'), { name });
    expect(classifyAwsError(error)).toBe(kind);
  });

  it('reads the name of a KMSServiceException, not its class', () => {
    const error = new KMSServiceException({
      name: 'AccessDeniedException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message: 'denied',
    });
    expect(classifyAwsError(error)).toBe('access-denied');
  });

  it('copes with things thrown that are not errors', () => {
    expect(classifyAwsError('boom')).toBe('failed');
    expect(awsFailure('eks:ListUpdates', at, undefined)).toMatchObject({
      kind: 'failed',
      message: 'Error: undefined',
    });
  });
});

describe('awsFailure', () => {
  it('carries the action, location, kind and the AWS code with its message', () => {
    const error = Object.assign(new Error('User x is not authorized'), {
      name: 'AccessDeniedException',
    });
    expect(awsFailure('kms:GetKeyPolicy', at, error)).toEqual({
      ok: false,
      kind: 'access-denied',
      action: 'kms:GetKeyPolicy',
      accountId: '111122223333',
      region: 'eu-west-1',
      message: 'AccessDeniedException: User x is not authorized',
    });
  });
});

describe('noCredentialsFailure', () => {
  it('names the account and the config that would fix it', () => {
    const failure = noCredentialsFailure(
      'eks:DescribeCluster',
      at,
      new Error('There is no AWS integration that matches 111122223333.'),
    );
    expect(failure.kind).toBe('no-credentials');
    expect(failure.message).toBe(
      'There is no AWS integration that matches 111122223333. To audit account ' +
        '111122223333, add it to the app config under `aws.accounts[]` with ' +
        '`accountId` and `roleName` (or set `aws.accountDefaults.roleName`), or run ' +
        'the backend with credentials of `aws.mainAccount` in that account.',
    );
  });
});
