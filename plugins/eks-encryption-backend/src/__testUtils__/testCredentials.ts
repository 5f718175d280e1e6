import type {
  AwsCredentialProvider,
  AwsCredentialProviderOptions,
  AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { FIXTURE_ACCOUNT } from './awsEstate';

/** The access key id {@link testCredentialsManager} hands out for an account. */
export function fixtureAccessKeyId(accountId: string): string {
  return `AKIDFIXTURE${accountId}`;
}

export function accountOfAccessKeyId(accessKeyId: string): string | undefined {
  return accessKeyId.startsWith('AKIDFIXTURE')
    ? accessKeyId.slice('AKIDFIXTURE'.length)
    : undefined;
}

/**
 * An `AwsCredentialsManager` with static credentials per account. With `accounts`, it
 * throws like `DefaultAwsCredentialsManager` for any other account. The mocks of
 * {@link installSdkMocks} recognise the account of a call by these credentials.
 */
export function testCredentialsManager(
  accounts?: string[],
): AwsCredentialsManager & { requests: AwsCredentialProviderOptions[] } {
  const requests: AwsCredentialProviderOptions[] = [];
  return {
    requests,
    async getCredentialProvider(
      opts?: AwsCredentialProviderOptions,
    ): Promise<AwsCredentialProvider> {
      requests.push({ ...opts });
      const accountId = opts?.accountId ?? FIXTURE_ACCOUNT;
      if (accounts && !accounts.includes(accountId)) {
        throw new Error(
          `There is no AWS integration that matches ${accountId}. Please add a configuration for this AWS account.`,
        );
      }
      return {
        accountId,
        sdkCredentialProvider: async () => ({
          accessKeyId: fixtureAccessKeyId(accountId),
          secretAccessKey: 'fixture-secret-access-key',
        }),
      };
    },
  };
}
