/**
 * The id of a registered check: a built-in one or one a backend module added, so any
 * string matching `^[a-z0-9-]{1,64}$`. `GET /v1/checks` lists the registered ones.
 *
 * @public
 */
export type CheckId = string;

/** @public */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** @public */
export type CheckStatus =
  | 'pass'
  | 'fail'
  | 'warn'
  | 'unknown'
  | 'not-applicable';

/** @public */
export type ClusterVerdict =
  | 'compliant'
  | 'non-compliant'
  | 'incomplete'
  | 'error';

/** @public */
export type EntityVerdict = ClusterVerdict | 'not-evaluated';

/** @public */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

/**
 * How a cluster's Secrets are encrypted at rest.
 * `none`: before 1.28 without a KMS key; `aws-owned-default`: 1.28+ without a KMS key;
 * `kms-key`: an encryption config names a KMS key.
 *
 * @public
 */
export type EncryptionState = 'none' | 'aws-owned-default' | 'kms-key';

/** @public */
export interface RemediationSnippet {
  /** What the snippet is, e.g. "AWS CLI" or "Terraform". */
  title: string;
  language: 'shell' | 'hcl' | 'yaml' | 'json';
  code: string;
}

/** @public */
export interface Remediation {
  /** Console or procedural steps, in order. */
  steps: string[];
  snippets: RemediationSnippet[];
}

/** @public */
export interface CheckResult {
  id: CheckId;
  severity: Severity;
  status: CheckStatus;
  /** One line, readable on its own. */
  summary: string;
  details: string;
  remediation?: Remediation;
  /**
   * The open finding of this check, when it failed and was not fixed since.
   * `unverifiedSince`: the check could not be read since then; the finding stays open.
   */
  openFinding?: { openedAt: string; unverifiedSince?: string };
}

/**
 * The evaluation of one cluster, as the engine produces it.
 *
 * @public
 */
export interface ClusterEvaluation {
  arn: string;
  accountId: string;
  region: string;
  name: string;
  version?: string;
  encryptionState?: EncryptionState;
  /** The key reference as configured on the cluster (key or alias ARN). */
  keyRef?: string;
  /** The key ARN that key reference resolves to. */
  keyArn?: string;
  environment?: string;
  verdict: ClusterVerdict;
  score: number;
  grade: Grade;
  evaluatedAt: string;
  /** Why the cluster could not be read at all (verdict `error`). */
  error?: string;
  checks: CheckResult[];
}

/** @public */
export interface ClusterScorecard extends ClusterEvaluation {
  /**
   * True when the latest attempt failed or the evidence is older than the
   * configured limit; the checks are the last known evidence.
   */
  stale: boolean;
  /** The verdict of the last evidence, when staleness made `verdict` differ. */
  lastVerdict?: ClusterVerdict;
  /** Why the evidence is stale: when it was read last and what failed since. */
  staleReason?: string;
  /**
   * On one entity's scorecard: the other readable entities linking this cluster
   * (components, and Resources that name the same ARN).
   */
  alsoLinkedBy?: string[];
}

/** @public */
export interface AnnotationError {
  token: string;
  reason: string;
}

/** @public */
export interface EntityScorecard {
  entityRef: string;
  verdict: EntityVerdict;
  score: number | null;
  grade: Grade | null;
  evaluatedAt: string | null;
  stale: boolean;
  annotationErrors: AnnotationError[];
  clusters: ClusterScorecard[];
}
