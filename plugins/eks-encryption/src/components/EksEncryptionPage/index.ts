export { EksEncryptionPage } from './EksEncryptionPage';
export { EksEncryptionPageContent } from './EksEncryptionPageContent';
