import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { EksEncryptionAwsSource } from './aws';
import type { EksEncryptionChangeConsumer } from './changes';
import type { EksEncryptionCheck } from './checks';

/**
 * Adds checks to the scorecard of the EKS Secrets encryption plugin.
 *
 * @public
 */
export interface EksEncryptionChecksExtensionPoint {
  /**
   * Registers checks after the built-in ones, in the order given. An id that is taken or
   * outside `^[a-z0-9-]{1,64}$`, or an unknown severity, fails the module's startup.
   */
  addChecks(...checks: EksEncryptionCheck[]): void;
}

/**
 * The extension point through which modules add checks.
 *
 * @public
 */
export const eksEncryptionChecksExtensionPoint =
  createExtensionPoint<EksEncryptionChecksExtensionPoint>({
    id: 'eks-encryption.checks',
  });

/**
 * Replaces the AWS source of the EKS Secrets encryption plugin.
 *
 * @public
 */
export interface EksEncryptionAwsSourceExtensionPoint {
  /**
   * Sets the source every run reads EKS and KMS through, in place of the one
   * `eksEncryption.aws.source` picks. Only one module may set it: a second call throws.
   */
  setAwsSource(source: EksEncryptionAwsSource): void;
}

/**
 * The extension point through which a module replaces the AWS source.
 *
 * @public
 */
export const eksEncryptionAwsSourceExtensionPoint =
  createExtensionPoint<EksEncryptionAwsSourceExtensionPoint>({
    id: 'eks-encryption.aws-source',
  });

/**
 * Adds readers of the change log (findings opened or resolved, verdict changes) of
 * the EKS Secrets encryption plugin.
 *
 * @public
 */
export interface EksEncryptionChangesExtensionPoint {
  /** Each consumer is drained after every run and on the plugin's drain schedule. */
  addConsumer(consumer: EksEncryptionChangeConsumer): void;
}

/**
 * The extension point through which modules read the change log.
 *
 * @public
 */
export const eksEncryptionChangesExtensionPoint =
  createExtensionPoint<EksEncryptionChangesExtensionPoint>({
    id: 'eks-encryption.changes',
  });
