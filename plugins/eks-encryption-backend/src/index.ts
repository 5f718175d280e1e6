/**
 * Backstage backend plugin that audits Amazon EKS clusters for KMS envelope encryption
 * of Kubernetes Secrets. Modules add checks or replace the AWS source through the
 * extension points of `backstage-plugin-eks-encryption-node`.
 *
 * @packageDocumentation
 */
export { eksEncryptionPlugin as default } from './plugin';
