import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterEvaluation } from 'backstage-plugin-eks-encryption-common';
import type { EksEncryptionAwsSource } from '../aws/types';
import { indexKeyUses } from './checks/keyDedicated';
import { RunCollector } from './collect';
import { forEachBounded } from './concurrency';
import {
  erroredCluster,
  finishCluster,
  judgeCluster,
  keyUseOf,
  type JudgedCluster,
} from './judge';
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
  logger?: LoggerService;
  /** Clusters in flight at once, so memory stays proportional to the clusters. */
  clustersInFlight?: number;
  /** `eks:DescribeUpdate` calls in flight for one cluster. */
  updatesInFlightPerCluster?: number;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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

/**
 * Evaluates unique clusters against every check, reading AWS the fewest times a run
 * allows. A cluster or call that fails never fails the run.
 */
export class DefaultClusterEvaluator implements ClusterEvaluator {
  private readonly source: EksEncryptionAwsSource;
  private readonly policy: EvaluationPolicy;
  private readonly logger?: LoggerService;
  private readonly clustersInFlight: number;
  private readonly updatesInFlight: number;

  constructor(options: DefaultClusterEvaluatorOptions) {
    this.source = options.source;
    this.policy = options.policy;
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
      ...(input.finishedUpdates
        ? { finishedUpdates: input.finishedUpdates }
        : {}),
      readKeyTags: this.policy.requiredTags.length > 0,
      updateConcurrency: this.updatesInFlight,
      call: {
        ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
        ...(input.signal ? { signal: input.signal } : {}),
      },
    });
    const judged: JudgedCluster[] = new Array(targets.length);
    let done = 0;
    this.report(input, 0, targets.length);
    await forEachBounded(targets, this.clustersInFlight, async (target, i) => {
      judged[i] = await this.judgeOne(collector, target, now);
      done += 1;
      this.report(input, done, targets.length);
    });

    const keyUses = judged
      .map(keyUseOf)
      .filter((use): use is KeyUse => use !== undefined);
    const described = new Set(
      judged.filter(j => j.described).map(j => j.evaluation.arn),
    );
    const storedKeyUses = input.storedKeyUses
      ? await input.storedKeyUses(
          [...new Set(keyUses.map(use => use.keyArn))],
          targets.map(t => t.cluster.arn),
        )
      : [];
    const usesByKey = indexKeyUses(keyUses, storedKeyUses, described);
    const clusters = judged.map((j, i) =>
      this.finishOne(j, usesByKey, targets[i], now),
    );
    return { clusters, finishedUpdates: collector.finishedUpdates(), keyUses };
  }

  private async judgeOne(
    collector: RunCollector,
    target: ClusterTarget,
    now: Date,
  ): Promise<JudgedCluster> {
    try {
      return judgeCluster(await collector.collect(target), this.policy, now);
    } catch (error) {
      this.logger?.error(
        `Evaluating EKS cluster ${target.cluster.arn} failed: ${errorMessage(
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

  private finishOne(
    judged: JudgedCluster,
    usesByKey: ReadonlyMap<string, readonly KeyUse[]>,
    target: ClusterTarget,
    now: Date,
  ): ClusterEvaluation {
    try {
      return finishCluster(judged, usesByKey, this.policy.keySharing);
    } catch (error) {
      this.logger?.error(
        `Scoring EKS cluster ${target.cluster.arn} failed: ${errorMessage(
          error,
        )}`,
      );
      return finishCluster(
        erroredCluster(
          target,
          now,
          `evaluation failed: ${errorMessage(error)}`,
        ),
        usesByKey,
        this.policy.keySharing,
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
