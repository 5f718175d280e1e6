/**
 * The EKS Secrets encryption plugin for the new frontend system.
 *
 * @packageDocumentation
 */
import { eksEncryptionPlugin } from './alpha/plugin';

export {
  eksEncryptionApi,
  eksEncryptionEntityCard,
  eksEncryptionOwnershipEntityCard,
  eksEncryptionPage,
  eksEncryptionPlugin,
} from './alpha/plugin';
export { eksEncryptionTranslationRef } from './translation';

/** @alpha */
export default eksEncryptionPlugin;
