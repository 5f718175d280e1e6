/**
 * Types, annotation parser, check catalogue, scoring and permissions shared by the
 * EKS Secrets encryption plugins.
 *
 * @packageDocumentation
 */
export * from './constants';
export * from './types';
export * from './checks';
export * from './annotation';
export * from './scoring';
export * from './permissions';
export * from './api';
export {
  createEksEncryptionApiClient,
  eksEncryptionApiLimits,
  requireBody,
  type EksEncryptionApiCheck,
  type EksEncryptionApiClient,
  type EksEncryptionApiClientOptions,
  type EksEncryptionApiPaths,
  type EksEncryptionApiSchemas,
} from './apiClient';
