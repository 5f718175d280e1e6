import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  CheckId,
  CheckResult,
  ClusterEvaluation,
} from 'backstage-plugin-eks-encryption-common';
import { SdkAwsSource } from '../../aws/SdkAwsSource';
import { SnapshotAwsSource } from '../../aws/SnapshotAwsSource';
import type { EksEncryptionAwsSource } from 'backstage-plugin-eks-encryption-node';
import {
  clusterTargetOf,
  type AwsFixture,
} from '../../__testUtils__/awsEstate';
import { installSdkMocks, type SdkMocks } from '../../__testUtils__/sdkMocks';
import { writeSnapshot } from '../../__testUtils__/snapshotFixtures';
import { testCredentialsManager } from '../../__testUtils__/testCredentials';
import { DefaultClusterEvaluator } from '../DefaultClusterEvaluator';
import { DEFAULT_EVALUATION_POLICY } from '../../config';
import type {
  EvaluationInput,
  EvaluationOutput,
  EvaluationPolicy,
} from '../types';

/** The two AWS sources every scenario runs through. */
export type SourceKind = 'sdk' | 'snapshot';
export const SOURCE_KINDS: SourceKind[] = ['sdk', 'snapshot'];

/** A fixed evaluation time, so dates in summaries are stable. */
export const NOW = new Date('2025-01-10T12:00:00.000Z');

export interface ScenarioOptions {
  /** Accounts with credentials (SDK) or exported (snapshot); all by default. */
  accounts?: string[];
  policy?: Partial<EvaluationPolicy>;
  input?: Omit<Partial<EvaluationInput>, 'now'>;
}

/** Keeps only what an export with credentials for `accounts` would hold. */
function exportedBy(f: AwsFixture, accounts?: string[]): AwsFixture {
  if (!accounts) return f;
  return {
    clusters: f.clusters.filter(c => accounts.includes(c.accountId)),
    keys: f.keys.filter(k => accounts.includes(k.accountId)),
    failures: f.failures,
  };
}

/**
 * Builds AWS sources over fixtures and cleans up after each test: SDK clients answered
 * by `aws-sdk-client-mock`, or a snapshot folder written to a temporary directory.
 */
export class SourceHarness {
  private mocks?: SdkMocks;
  private dirs: string[] = [];

  constructor(readonly kind: SourceKind) {}

  async source(
    f: AwsFixture,
    accounts?: string[],
  ): Promise<EksEncryptionAwsSource> {
    if (this.kind === 'sdk') {
      this.mocks?.restore();
      this.mocks = installSdkMocks(f);
      return new SdkAwsSource({
        credentialsManager: testCredentialsManager(accounts),
        maxAttempts: 1,
      });
    }
    const dir = await mkdtemp(join(tmpdir(), 'eks-engine-'));
    this.dirs.push(dir);
    await writeSnapshot(dir, exportedBy(f, accounts));
    return new SnapshotAwsSource({ directory: dir });
  }

  /** Evaluates every cluster of the fixture once. */
  async evaluate(
    f: AwsFixture,
    options: ScenarioOptions = {},
  ): Promise<EvaluationOutput> {
    const evaluator = new DefaultClusterEvaluator({
      source: await this.source(f, options.accounts),
      policy: { ...DEFAULT_EVALUATION_POLICY, ...options.policy },
    });
    return evaluator.evaluate({
      targets: f.clusters.map(c => ({ cluster: clusterTargetOf(c) })),
      ...options.input,
      now: NOW,
    });
  }

  async cleanup(): Promise<void> {
    this.mocks?.restore();
    this.mocks = undefined;
    await Promise.all(
      this.dirs.map(dir => rm(dir, { recursive: true, force: true })),
    );
    this.dirs = [];
  }
}

/** The evaluation of the cluster named `name`. */
export function clusterNamed(
  output: EvaluationOutput,
  name: string,
): ClusterEvaluation {
  const cluster = output.clusters.find(c => c.name === name);
  if (!cluster) throw new Error(`no evaluation of cluster ${name}`);
  return cluster;
}

/** One check of the cluster named `name`. */
export function checkOf(
  output: EvaluationOutput,
  name: string,
  id: CheckId,
): CheckResult {
  const check = clusterNamed(output, name).checks.find(c => c.id === id);
  if (!check) throw new Error(`cluster ${name} has no check ${id}`);
  return check;
}

/** Every snippet and step of a check's remediation, as one text to search. */
export function remediationText(check: CheckResult): string {
  const r = check.remediation;
  if (!r) return '';
  return [...r.steps, ...r.snippets.map(s => s.code)].join('\n');
}
