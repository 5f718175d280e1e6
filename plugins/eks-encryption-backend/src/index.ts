/**
 * Backstage backend plugin that audits Amazon EKS clusters for KMS envelope encryption
 * of Kubernetes Secrets.
 *
 * @packageDocumentation
 */
export { eksEncryptionPlugin as default } from './plugin';
