import { toError } from '@backstage/errors';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterEvaluation } from 'backstage-plugin-eks-encryption-common';
import type {
  EksEncryptionAwsSource,
  EksEncryptionCheck,
} from 'backstage-plugin-eks-encryption-node';
import pLimit from 'p-limit';
import { BUILT_IN_CHECKS } from './checks';
import { RunCollector } from './RunCollector';
import type { ClusterFacts } from './facts';
import { erroredCluster, judgeCluster, runKeyUse } from './judge';
import { indexKeyUses } from './keyUses';
import type {
  ClusterEvaluator,
  ClusterTarget,
  EvaluationInput,
  EvaluationOutput,
  EvaluationPolicy,
  KeyUse,
} from './types';

/** Clusters read and judged at once; AWS concurrency is bounded in the source. */
export const DEFAULT_CLUSTERS_IN_FLIGHT = 64;
/** DescribeUpdate calls in flight for one cluster. */
const DEFAULT_UPDATES_IN_FLIGHT = 4;

export interface DefaultClusterEvaluatorOptions {
  source: EksEncryptionAwsSource;
  policy: EvaluationPolicy;
  /** The registered checks, in scorecard order; the built-in ones by default. */
  checks?: readonly EksEncryptionCheck[];
  logger?: LoggerService;
  /** Clusters in flight at once, so memory stays proportional to the clusters. */
  clustersInFlight?: number;
  /** `eks:DescribeUpdate` calls in flight for one cluster. */
  updatesInFlightPerCluster?: number;
}

function errorMessage(error: unknown): string {
  return toError(error).message;
}

/** One target per cluster ARN, with every entity that names it. */
function uniqueTargets(targets: readonly ClusterTarget[]): ClusterTarget[] {
  const byArn = new Map<string, ClusterTarget>();
  for (const target of targets) {
    const seen = byArn.get(target.cluster.arn);
    const namedBy = [...(seen?.namedBy ?? []), ...(target.namedBy ?? [])];
    byArn.set(target.cluster.arn, {
      cluster: target.cluster,
      ...(namedBy.length > 0 ? { namedBy } : {}),
    });
  }
  return [...byArn.values()];
}

/** What was read about one cluster, or why reading it threw. */
type Collected = ClusterFacts | { thrown: string; target: ClusterTarget };

/**
 * Evaluates unique clusters against every check, reading AWS the fewest times a run
 * allows. It reads every cluster first, then judges them all, so that checks comparing
 * clusters (`key-dedicated`) see every key use of the run. A cluster, call or check
 * that fails never fails the run.
 */
export class DefaultClusterEvaluator implements ClusterEvaluator {
  private readonly source: EksEncryptionAwsSource;
  private readonly policy: EvaluationPolicy;
  private readonly checks: readonly EksEncryptionCheck[];
  private readonly logger?: LoggerService;
  private readonly clustersInFlight: number;
  private readonly updatesInFlight: number;

  constructor(options: DefaultClusterEvaluatorOptions) {
    this.source = options.source;
    this.policy = options.policy;
    this.checks = options.checks ?? BUILT_IN_CHECKS;
    this.logger = options.logger;
    this.clustersInFlight = Math.max(
      1,
      options.clustersInFlight ?? DEFAULT_CLUSTERS_IN_FLIGHT,
    );
    this.updatesInFlight = Math.max(
      1,
      options.updatesInFlightPerCluster ?? DEFAULT_UPDATES_IN_FLIGHT,
    );
  }

  async evaluate(input: EvaluationInput): Promise<EvaluationOutput> {
    const now = input.now ?? new Date();
    const targets = uniqueTargets(input.targets);
    const collector = new RunCollector(this.source, {
      ...(input.knownFinishedUpdates
        ? { knownFinishedUpdates: input.knownFinishedUpdates }
        : {}),
      onLookupError: (cluster, error) =>
        this.logger?.warn(
          `Could not read the known updates of ${cluster.arn}: ${errorMessage(
            error,
          )}`,
        ),
      readKeyTags: this.policy.requiredTags.length > 0,
      updateConcurrency: this.updatesInFlight,
      call: {
        ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
        ...(input.signal ? { signal: input.signal } : {}),
      },
    });
    const collected: Collected[] = new Array(targets.length);
    let done = 0;
    this.report(input, 0, targets.length);
    const limit = pLimit(this.clustersInFlight);
    await Promise.all(
      targets.map((target, i) =>
        limit(async () => {
          collected[i] = await this.collectOne(collector, target);
          done += 1;
          this.report(input, done, targets.length);
        }),
      ),
    );

    const keyUses = collected
      .map(c => ('thrown' in c ? undefined : runKeyUse(c, this.policy)))
      .filter((use): use is KeyUse => use !== undefined);
    const described = new Set(
      collected.filter(c => 'ok' in c && c.ok).map(c => c.target.cluster.arn),
    );
    const storedKeyUses = input.storedKeyUses
      ? await input.storedKeyUses(
          [...new Set(keyUses.map(use => use.keyArn))],
          targets.map(t => t.cluster.arn),
        )
      : [];
    const usesByKey = indexKeyUses(keyUses, storedKeyUses, described);
    const checkErrors = new Map<string, { count: number; first: string }>();
    const clusters = collected.map(c =>
      this.judgeOne(c, usesByKey, now, (id, message) => {
        const seen = checkErrors.get(id);
        checkErrors.set(id, {
          count: (seen?.count ?? 0) + 1,
          first: seen?.first ?? message,
        });
      }),
    );
    for (const [id, { count, first }] of checkErrors) {
      this.logger?.warn(
        `EKS encryption check ${id} could not judge ${count} cluster${
          count === 1 ? '' : 's'
        } (reported unknown): ${first}`,
      );
    }
    const clusterTags = new Map<string, Readonly<Record<string, string>>>();
    for (const c of collected) {
      if ('ok' in c && c.ok) clusterTags.set(c.target.cluster.arn, c.cluster.tags);
    }
    return {
      clusters,
      finishedUpdates: collector.finishedUpdates(),
      keyUses,
      clusterTags,
    };
  }

  private async collectOne(
    collector: RunCollector,
    target: ClusterTarget,
  ): Promise<Collected> {
    try {
      return await collector.collect(target);
    } catch (error) {
      this.logger?.error(
        `Evaluating EKS cluster ${target.cluster.arn} failed: ${errorMessage(
          error,
        )}`,
      );
      return { thrown: errorMessage(error), target };
    }
  }

  private judgeOne(
    collected: Collected,
    usesByKey: ReadonlyMap<string, readonly KeyUse[]>,
    now: Date,
    onCheckError: (checkId: string, message: string) => void,
  ): ClusterEvaluation {
    const { target } = collected;
    if ('thrown' in collected) {
      return erroredCluster(
        target,
        now,
        `evaluation failed: ${collected.thrown}`,
      );
    }
    try {
      return judgeCluster({
        facts: collected,
        checks: this.checks,
        policy: this.policy,
        now,
        keyUses: usesByKey,
        onCheckError,
      });
    } catch (error) {
      this.logger?.error(
        `Scoring EKS cluster ${target.cluster.arn} failed: ${errorMessage(
          error,
        )}`,
      );
      return erroredCluster(
        target,
        now,
        `evaluation failed: ${errorMessage(error)}`,
      );
    }
  }

  private report(input: EvaluationInput, done: number, total: number) {
    try {
      input.onProgress?.(done, total);
    } catch (error) {
      this.logger?.warn(`Progress callback failed: ${errorMessage(error)}`);
    }
  }
}
