export { EksEncryptionPage } from './EksEncryptionPage';
