import type {
  Severity,
  ClusterVerdict,
  EntityVerdict,
} from 'backstage-plugin-eks-encryption-common';

/**
 * One change a run wrote, as kept in the plugin's change log (outbox) in the
 * run's own transaction.
 * - `finding-opened` / `finding-resolved`: a check of a cluster started or stopped
 *   failing (`resolution` says why it closed: only `fixed` is a fix).
 * - `cluster-verdict`, `entity-verdict`: the verdict moved from `previousVerdict`
 *   (absent for the first evaluation) to `verdict`.
 * - `finding-unverified`: an open finding could no longer be checked (access or
 *   staleness problem, not a regression).
 *
 * @public
 */
export interface EksEncryptionChange {
  /** Increasing across the change log: consumers see changes in this order. */
  id: number;
  runId?: string;
  type:
    | 'finding-opened'
    | 'finding-resolved'
    | 'finding-unverified'
    | 'cluster-verdict'
    | 'entity-verdict';
  /** ISO 8601: when the run wrote it. */
  at: string;
  clusterArn?: string;
  /** The entity of an `entity-verdict`; for cluster changes, every entity linking the cluster. */
  entityRefs: string[];
  checkId?: string;
  severity?: Severity;
  /** A failing check's one-line summary, as on the scorecard. */
  summary?: string;
  /** The first remediation step of a failing check (or its first snippet's code). */
  remediation?: string;
  resolution?:
    | 'fixed'
    | 'not-applicable'
    | 'cluster-deleted'
    | 'unlinked'
    | 'check-removed';
  previousVerdict?: ClusterVerdict | EntityVerdict;
  verdict?: ClusterVerdict | EntityVerdict;
  /**
   * From the first evaluation of the cluster or entity (nothing was known before):
   * a finding found, not a regression.
   */
  initial: boolean;
}

/**
 * Reads the change log in order. A batch whose `consume` throws is handed over again
 * on the next drain (nothing is lost); one that resolves is never handed over again.
 * Across replicas sharing one database, one batch is drained by one replica at a time.
 *
 * @public
 */
export interface EksEncryptionChangeConsumer {
  /** Stable name: the consumer's position in the change log is kept under it. */
  id: string;
  consume(changes: readonly EksEncryptionChange[]): Promise<void>;
}
