export { EntityEksEncryptionOwnershipCard } from './EntityEksEncryptionOwnershipCard';
export type { EntityEksEncryptionOwnershipCardProps } from './EntityEksEncryptionOwnershipCard';
