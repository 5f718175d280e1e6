/**
 * Classes of what this plugin renders (every card, and the org page): apps
 * can style them, and the end-to-end checks find our part of a page by them.
 */
export const EKS_ENCRYPTION_CARD_CLASS = 'eks-encryption-card';
export const EKS_ENCRYPTION_PAGE_CLASS = 'eks-encryption-page';
