import type { EksEncryptionCheck } from 'backstage-plugin-eks-encryption-node';
import { approvedKeyCheck } from './approvedKey';
import { customerManagedKeyCheck } from './customerManagedKey';
import { envelopeEncryptionCheck } from './envelopeEncryption';
import { keyDedicatedCheck } from './keyDedicated';
import { keyPolicyCheck } from './keyPolicy';
import { keyRotationCheck } from './keyRotation';
import { keyUsableCheck } from './keyUsable';
import { ownershipTagsCheck } from './ownershipTags';
import { secretsRewrittenCheck } from './secretsRewritten';

/** The built-in checks, in the order scorecards list them. */
export const BUILT_IN_CHECKS: readonly EksEncryptionCheck[] = [
  envelopeEncryptionCheck,
  customerManagedKeyCheck,
  keyUsableCheck,
  keyRotationCheck,
  keyDedicatedCheck,
  keyPolicyCheck,
  approvedKeyCheck,
  secretsRewrittenCheck,
  ownershipTagsCheck,
];
