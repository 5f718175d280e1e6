export { EntityEksEncryptionCard } from './EntityEksEncryptionCard';
export type { EntityEksEncryptionCardProps } from './EntityEksEncryptionCard';
