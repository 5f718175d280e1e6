import { resolve } from 'node:path';
import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { EksEncryptionAwsSource } from 'backstage-plugin-eks-encryption-node';
import { readEksEncryptionConfig } from '../config';
import { SdkAwsSource } from './SdkAwsSource';
import { SnapshotAwsSource } from './SnapshotAwsSource';

/**
 * The AWS source when no module set one through `eksEncryptionAwsSourceExtensionPoint`:
 * `eksEncryption.aws.source` picks `sdk` (AWS SDK v3, credentials from the root `aws`
 * config) or `snapshot` (AWS CLI outputs in `eksEncryption.aws.snapshotDir`, relative
 * to the working directory).
 */
export function defaultAwsSource(
  config: RootConfigService,
  logger: LoggerService,
): EksEncryptionAwsSource {
  const settings = readEksEncryptionConfig(config).aws;
  if (settings.source === 'snapshot' && settings.snapshotDir) {
    const directory = resolve(settings.snapshotDir);
    logger.info(`Reading AWS from the snapshot in ${directory}`);
    return new SnapshotAwsSource({ directory });
  }
  return SdkAwsSource.fromConfig(config, { logger });
}
