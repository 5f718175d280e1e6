/**
 * Backend module of the EKS Secrets encryption plugin that sends drift alerts to
 * entity owners, and access problems to a platform group, as Backstage notifications.
 *
 * @packageDocumentation
 */
export { eksEncryptionModuleNotifications as default } from './module';
