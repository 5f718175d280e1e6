/**
 * Frontend of the EKS Secrets encryption plugins: scorecard card, team rollup card and org page.
 *
 * @packageDocumentation
 */
export { eksEncryptionPlugin } from './plugin';
