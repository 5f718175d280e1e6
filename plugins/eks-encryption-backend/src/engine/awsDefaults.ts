/** Behaviour of AWS that the checks rely on. */

/** The rotation period KMS applies when `RotationPeriodInDays` is absent. */
export const AWS_DEFAULT_ROTATION_DAYS = 365;

/** Kubernetes 1.28 is the first version EKS envelope-encrypts with an AWS-owned key. */
export const DEFAULT_ENCRYPTION_VERSION = { major: 1, minor: 28 } as const;
