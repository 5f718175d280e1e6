import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import {
  AWS_ARN_ANNOTATION,
  EKS_CLUSTER_ARN_ANNOTATION,
  parseClusterArn,
  parseClusterArns,
  SECRETS_REWRITTEN_AT_ANNOTATION,
  type ClusterArn,
  type CheckId,
  type CheckStatus,
  type ClusterVerdict,
  type EncryptionState,
} from 'backstage-plugin-eks-encryption-common';
import { entityRefOf, ownerRefOf } from '../catalog/annotations';
import { DefaultClusterEvaluator } from '../engine/DefaultClusterEvaluator';
import { DEFAULT_EVALUATION_POLICY } from '../config';
import type { ClusterTarget } from '../engine/types';
import { SnapshotAwsSource } from './SnapshotAwsSource';

/*
 * The demo catalog (examples/entities.yaml) evaluated over the demo snapshot
 * (examples/aws-snapshot) shows what examples/README.md says it shows, and the
 * snapshot's cluster listings show two clusters no entity names, for discovery.
 */

const EXAMPLES = resolve(__dirname, '../../../../examples');

interface Expected {
  verdict: ClusterVerdict;
  state?: EncryptionState;
  checks?: Partial<Record<CheckId, CheckStatus>>;
}

const EXPECTED: Record<string, Expected> = {
  'payments-prod': {
    verdict: 'compliant',
    state: 'kms-key',
    checks: {
      'envelope-encryption': 'pass',
      'customer-managed-key': 'pass',
      'key-usable': 'pass',
      'key-rotation': 'pass',
      'key-dedicated': 'pass',
      'key-policy': 'pass',
      'secrets-rewritten': 'pass',
      'ownership-tags': 'pass',
    },
  },
  'legacy-batch': {
    verdict: 'non-compliant',
    state: 'none',
    checks: { 'envelope-encryption': 'fail', 'key-usable': 'not-applicable' },
  },
  'web-staging': {
    verdict: 'non-compliant',
    state: 'aws-owned-default',
    checks: {
      'envelope-encryption': 'pass',
      'customer-managed-key': 'fail',
      'ownership-tags': 'fail',
    },
  },
  'analytics-prod': {
    verdict: 'non-compliant',
    state: 'kms-key',
    checks: { 'customer-managed-key': 'fail' },
  },
  'orders-prod': { verdict: 'non-compliant', checks: { 'key-usable': 'fail' } },
  'reports-prod': {
    verdict: 'non-compliant',
    checks: { 'key-usable': 'fail' },
  },
  'search-staging': {
    verdict: 'compliant',
    checks: { 'key-rotation': 'fail' },
  },
  'checkout-staging': {
    verdict: 'compliant',
    checks: { 'key-rotation': 'fail' },
  },
  'shop-prod': { verdict: 'compliant', checks: { 'key-dedicated': 'fail' } },
  'shop-staging': { verdict: 'compliant', checks: { 'key-dedicated': 'fail' } },
  'marketing-prod': {
    verdict: 'non-compliant',
    checks: { 'key-policy': 'fail' },
  },
  'partner-gateway': { verdict: 'compliant', checks: { 'key-policy': 'warn' } },
  'ml-prod': {
    verdict: 'incomplete',
    checks: { 'key-policy': 'unknown', 'ownership-tags': 'unknown' },
  },
  'ledger-prod': {
    verdict: 'compliant',
    checks: { 'secrets-rewritten': 'warn' },
  },
  'billing-prod': {
    verdict: 'compliant',
    checks: { 'secrets-rewritten': 'pass' },
  },
  decommissioned: { verdict: 'error' },
};

/** The demo catalog's entities, and the clusters they name with who names them. */
async function demoCatalog() {
  const file = resolve(EXAMPLES, 'entities.yaml');
  const entities = [
    ...parseEntityYaml(await readFile(file), { type: 'file', target: file }),
  ].flatMap(result => (result.type === 'entity' ? [result.entity] : []));
  const targets = new Map<string, ClusterTarget>();
  const annotationErrors: Record<string, string[]> = {};
  for (const entity of entities) {
    const annotations = entity.metadata.annotations ?? {};
    const parsed = parseClusterArns(
      [
        annotations[EKS_CLUSTER_ARN_ANNOTATION],
        annotations[AWS_ARN_ANNOTATION],
      ].join(' '),
    );
    if (parsed.errors.length) {
      annotationErrors[entity.metadata.name] = parsed.errors.map(e => e.token);
    }
    const rewrittenAt = annotations[SECRETS_REWRITTEN_AT_ANNOTATION];
    for (const cluster of parsed.clusters) {
      const namedBy = targets.get(cluster.arn)?.namedBy ?? [];
      namedBy.push({
        entityRef: entityRefOf(entity),
        ownerRef: ownerRefOf(entity),
        ...(rewrittenAt ? { secretsRewrittenAt: rewrittenAt } : {}),
      });
      targets.set(cluster.arn, { cluster, namedBy });
    }
  }
  return { targets, annotationErrors };
}

function demoEvaluator() {
  return new DefaultClusterEvaluator({
    source: demoSnapshot(),
    policy: DEFAULT_EVALUATION_POLICY,
  });
}

function demoSnapshot() {
  return new SnapshotAwsSource({
    directory: resolve(EXAMPLES, 'aws-snapshot'),
  });
}

const NOW = new Date('2026-11-27T00:00:00Z');

describe('the demo catalog over the demo snapshot', () => {
  it('shows every state the README lists', async () => {
    const { targets, annotationErrors } = await demoCatalog();
    expect(annotationErrors).toEqual({
      'typo-service': [
        'arn:aws:eks:eu-west-1:11112222:cluster/payments-prod',
        'payments-prod',
      ],
    });

    const { clusters: evaluated } = await demoEvaluator().evaluate({
      targets: [...targets.values()],
      now: NOW,
    });

    const seen = Object.fromEntries(
      evaluated.map(c => {
        const expected = EXPECTED[c.name] ?? { verdict: 'compliant' };
        const checks = Object.fromEntries(
          c.checks
            .filter(check => expected.checks && check.id in expected.checks)
            .map(check => [check.id, check.status]),
        );
        return [
          c.name,
          {
            verdict: c.verdict,
            ...(expected.state ? { state: c.encryptionState } : {}),
            ...(expected.checks ? { checks } : {}),
          },
        ];
      }),
    );
    expect(seen).toEqual(EXPECTED);
  });

  it('lists every demo cluster, and two clusters no entity names (unclaimed)', async () => {
    const { targets } = await demoCatalog();
    const source = demoSnapshot();
    const locations = new Map(
      [...targets.values()].map(({ cluster: { accountId, region } }) => [
        `${accountId}/${region}`,
        { accountId, region },
      ]),
    );
    const listed = new Set<string>();
    for (const at of locations.values()) {
      const listing = await source.listClusters(at);
      if (!listing.ok) throw new Error(listing.message);
      for (const name of listing.value) {
        listed.add(`arn:aws:eks:${at.region}:${at.accountId}:cluster/${name}`);
      }
    }
    expect(locations.size).toBe(4);
    // The one cluster an entity names that is not listed does not exist.
    expect([...targets.keys()].filter(arn => !listed.has(arn))).toEqual([
      'arn:aws:eks:eu-west-1:111122223333:cluster/decommissioned',
    ]);
    const unclaimed = [...listed].filter(arn => !targets.has(arn)).sort();
    expect(unclaimed).toEqual([
      'arn:aws:eks:eu-west-1:111122223333:cluster/analytics-sandbox',
      'arn:aws:eks:us-east-1:444455556666:cluster/legacy-etl',
    ]);

    const { clusters: evaluated } = await demoEvaluator().evaluate({
      targets: unclaimed.map(arn => {
        const cluster = parseClusterArn(arn);
        if ('error' in cluster) throw new Error(cluster.error);
        return { cluster };
      }),
      now: NOW,
    });
    expect(
      evaluated.map(c => ({
        name: c.name,
        verdict: c.verdict,
        state: c.encryptionState,
        failing: c.checks
          .filter(check => !['pass', 'not-applicable'].includes(check.status))
          .map(check => check.id),
      })),
    ).toEqual([
      {
        name: 'analytics-sandbox',
        verdict: 'compliant',
        state: 'kms-key',
        failing: [],
      },
      {
        name: 'legacy-etl',
        verdict: 'non-compliant',
        state: 'none',
        failing: expect.arrayContaining(['envelope-encryption']),
      },
    ]);

    // One names a demo group by its bare name, the other a group the catalog lacks.
    const groups = [
      ...parseEntityYaml(await readFile(resolve(EXAMPLES, 'org.yaml')), {
        type: 'file',
        target: 'org.yaml',
      }),
    ].flatMap(result =>
      result.type === 'entity' && result.entity.kind === 'Group'
        ? [result.entity.metadata.name]
        : [],
    );
    const tags = Object.fromEntries(
      await Promise.all(
        unclaimed.map(async arn => {
          const cluster = parseClusterArn(arn) as ClusterArn;
          const described = await source.describeCluster(cluster);
          return [cluster.name, described.ok && described.value.tags];
        }),
      ),
    );
    expect(tags).toEqual({
      'analytics-sandbox': { owner: 'data', environment: 'production' },
      'legacy-etl': { owner: 'group:default/etl', environment: 'production' },
    });
    expect(groups).toContain('data');
    expect(groups).not.toContain('etl');
  });
});
