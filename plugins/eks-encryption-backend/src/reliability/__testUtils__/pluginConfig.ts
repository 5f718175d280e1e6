import type { JsonObject } from '@backstage/types';
import { FIXTURE_ACCOUNT } from '../../__testUtils__/awsEstate';
import { fixtureAccessKeyId } from '../../__testUtils__/testCredentials';
import type { FakeAwsEndpoint } from '../../__testUtils__/fakeAwsEndpoint';

/**
 * Root config that points the plugin's real AWS source (`SdkAwsSource.fromConfig`) at
 * the fake endpoint, with credentials the endpoint reads the account from, plus the
 * given `eksEncryption` settings.
 */
export function pluginConfig(
  aws: FakeAwsEndpoint,
  eksEncryption: JsonObject,
): JsonObject {
  return {
    aws: {
      accounts: [
        {
          accountId: FIXTURE_ACCOUNT,
          accessKeyId: fixtureAccessKeyId(FIXTURE_ACCOUNT),
          secretAccessKey: 'fixture-secret-access-key',
        },
      ],
    },
    eksEncryption: {
      ...eksEncryption,
      aws: { endpoint: aws.url },
    },
  };
}

/** A schedule that runs at once and then every `everySeconds`. */
export function schedule(everySeconds: number, timeoutSeconds: number) {
  return {
    frequency: { seconds: everySeconds },
    timeout: { seconds: timeoutSeconds },
    initialDelay: { seconds: 0 },
  };
}
