import { resolve } from 'node:path';
import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { readEksEncryptionConfig } from '../config';
import { SdkAwsSource } from './SdkAwsSource';
import { SnapshotAwsSource } from './SnapshotAwsSource';
import type { EksEncryptionAwsSource } from './types';

/**
 * The AWS source the plugin reads EKS and KMS through. By default `eksEncryption.aws.source`
 * picks `sdk` (AWS SDK v3, credentials from the root `aws` config) or `snapshot` (AWS CLI
 * outputs in `eksEncryption.aws.snapshotDir`); install another factory for this ref to
 * replace it.
 *
 * @public
 */
export const eksEncryptionAwsSourceServiceRef =
  createServiceRef<EksEncryptionAwsSource>({
    id: 'eks-encryption.aws-source',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
        },
        factory({ config, logger }) {
          const settings = readEksEncryptionConfig(config).aws;
          if (settings.source === 'snapshot' && settings.snapshotDir) {
            const directory = resolve(settings.snapshotDir);
            logger.info(`Reading AWS from the snapshot in ${directory}`);
            return new SnapshotAwsSource({ directory });
          }
          return SdkAwsSource.fromConfig(config, { logger });
        },
      }),
  });
