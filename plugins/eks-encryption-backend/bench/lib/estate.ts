import {
  summarizeCluster,
  type CheckResult,
  type ClusterEvaluation,
} from 'backstage-plugin-eks-encryption-common';
import type {
  EntityRunInput,
  RunResults,
} from '../../src/database/EksEncryptionStore';
import { BUILT_IN_CHECKS } from '../../src/engine/checks';

/** The synthetic estate the benchmarks measure. */
export const ENTITIES = 10_000;
export const CLUSTERS = 2_000;
export const OWNERS = 50;
export const KEYS = 400;
export const ACCOUNTS = 10;
export const REGIONS = ['eu-west-1', 'us-east-1'];
const ENVIRONMENTS = ['prod', 'staging', 'dev'];

export const accountIdOf = (i: number) => String(100000000000 + (i % ACCOUNTS));
const regionOf = (i: number) => REGIONS[i % REGIONS.length];
const clusterArnOf = (i: number) =>
  `arn:aws:eks:${regionOf(i)}:${accountIdOf(i)}:cluster/cluster-${String(
    i,
  ).padStart(4, '0')}`;
export const entityNameOf = (i: number) =>
  `service-${String(i).padStart(5, '0')}`;
export const entityRefOf = (i: number) =>
  `component:default/${entityNameOf(i)}`;
export const ownerOf = (i: number) =>
  `group:default/team-${String(i % OWNERS).padStart(2, '0')}`;

/** Entity i links to one to three clusters; neighbours share some. */
export function entityLinks(): EntityRunInput[] {
  return Array.from({ length: ENTITIES }, (_, i) => ({
    entityRef: entityRefOf(i),
    ownerRef: ownerOf(i),
    clusterArns: Array.from({ length: 1 + (i % 3) }, (__, k) =>
      clusterArnOf((i * 7 + k * 13) % CLUSTERS),
    ),
    annotationErrors: [],
  }));
}

/** Every check's result; `failing(c)` tells whether check number c fails. */
function checkResults(
  failing: (c: number) => boolean,
  details: string,
): CheckResult[] {
  return BUILT_IN_CHECKS.map((check, c) => {
    const fails = failing(c);
    return {
      id: check.id,
      severity: check.severity,
      status: fails ? 'fail' : 'pass',
      summary: `${check.title}: ${fails ? 'fails' : 'passes'}`,
      details,
      remediation: { steps: ['Follow the runbook.'], snippets: [] },
    };
  });
}

/** Cluster i, named `name`, encrypted with its key and evaluated at `at`. */
function clusterEvaluation(
  i: number,
  name: string,
  checks: CheckResult[],
  at: Date,
): ClusterEvaluation {
  const keyArn = `arn:aws:kms:${regionOf(i)}:${accountIdOf(i)}:key/${String(
    i % KEYS,
  ).padStart(8, '0')}-0000-4000-8000-000000000000`;
  return {
    arn: clusterArnOf(i),
    accountId: accountIdOf(i),
    region: regionOf(i),
    name,
    version: '1.30',
    encryptionState: 'kms-key',
    keyRef: keyArn,
    keyArn,
    environment: ENVIRONMENTS[i % ENVIRONMENTS.length],
    ...summarizeCluster(checks),
    evaluatedAt: at.toISOString(),
    checks,
  };
}

/**
 * Day `day`'s evaluation of cluster i: failures rotate so that findings open
 * and resolve from day to day (MTTR has data); about 1 % of clusters cannot be
 * read each day.
 */
export function dailyEvaluation(
  i: number,
  day: number,
  at: Date,
  details: string,
): ClusterEvaluation {
  const name = `cluster-${String(i).padStart(4, '0')}`;
  if ((i + day) % 97 === 0) {
    const error = 'eks:DescribeCluster timed out';
    return {
      arn: clusterArnOf(i),
      accountId: accountIdOf(i),
      region: regionOf(i),
      name,
      ...summarizeCluster([], error),
      evaluatedAt: at.toISOString(),
      error,
      checks: [],
    };
  }
  const checks = checkResults(
    c => (i * 3 + c + Math.floor(day / (1 + (c % 4)))) % 11 === 0,
    details,
  );
  return clusterEvaluation(i, name, checks, at);
}

/** A full run at `at` writing every entity and cluster. */
export function fullRun(
  entities: EntityRunInput[],
  clusters: ClusterEvaluation[],
  at: Date,
): RunResults {
  return {
    replace: 'all',
    entities,
    clusters,
    finishedUpdates: [],
    productionValues: ['prod'],
    now: at,
  };
}
