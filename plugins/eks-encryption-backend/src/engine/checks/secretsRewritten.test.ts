import type {
  ClusterNamer,
  EksEncryptionCheckContext,
  EksUpdate,
  UpdateHistory,
} from 'backstage-plugin-eks-encryption-node';
import {
  awsFailure,
  checkContext,
  remediationText,
} from './__testUtils__/checkContext';
import { findAttestation, secretsRewrittenCheck } from './secretsRewritten';

const judgeSecretsRewritten = secretsRewrittenCheck.judge;
const ARN = 'arn:aws:eks:eu-west-1:111122223333:cluster/payments-prod';
const ASSOCIATED = '2024-06-01T09:00:00.000Z';
const TAG = 'secrets-rewritten-at';

const association: EksUpdate = {
  id: 'a1b2c3d4-0000-4000-8000-00000000000a',
  type: 'AssociateEncryptionConfig',
  status: 'Successful',
  createdAt: ASSOCIATED,
};

function context(
  init: {
    tags?: Record<string, string>;
    namedBy?: ClusterNamer[];
    updates?: UpdateHistory;
    tagName?: string;
  } = {},
): EksEncryptionCheckContext {
  return checkContext({
    name: 'payments-prod',
    eks: {
      createdAt: '2024-01-01T00:00:00.000Z',
      tags: { owner: 'team-a', ...init.tags },
    },
    updates: init.updates ?? { ok: true, association },
    ...(init.namedBy ? { namedBy: init.namedBy } : {}),
    policy: { rewriteAttestationTag: init.tagName ?? TAG },
  });
}

const namer = (
  entityRef: string,
  ownerRef?: string,
  secretsRewrittenAt?: string,
): ClusterNamer => ({
  entityRef,
  ...(ownerRef ? { ownerRef } : {}),
  ...(secretsRewrittenAt ? { secretsRewrittenAt } : {}),
});

const RESOURCE = 'resource:default/payments-prod-cluster';
const COMPONENT = 'component:default/payments';
const PAYMENTS = 'group:default/payments';

const SUMMARY = {
  warn: /^Encryption was enabled after creation \(2024-06-01\): rewrite Secrets created before then$/,
  pass: /^Existing Secrets were rewritten after encryption was enabled on 2024-06-01 \((cluster tag|annotation on) /,
};

describe('secrets-rewritten check', () => {
  // [case, tags, namedBy, status, summary or details fragment]
  const table: Array<
    [
      string,
      Record<string, string> | undefined,
      ClusterNamer[] | undefined,
      'pass' | 'warn',
      string[],
    ]
  > = [
    [
      'no tag, no namers',
      undefined,
      undefined,
      'warn',
      [
        'No rewrite is attested with the cluster tag secrets-rewritten-at or the annotation aws.amazon.com/eks-secrets-rewritten-at.',
      ],
    ],
    [
      'tag after the association',
      { [TAG]: '2024-06-02T10:00:00Z' },
      undefined,
      'pass',
      [
        '(cluster tag secrets-rewritten-at)',
        'the cluster tag secrets-rewritten-at attests a rewrite of all Secrets on 2024-06-02T10:00:00.000Z',
      ],
    ],
    [
      'tag before the association',
      { [TAG]: '2024-05-01' },
      undefined,
      'warn',
      [
        'The rewrite attested on 2024-05-01T00:00:00.000Z by the cluster tag secrets-rewritten-at is not after the association.',
      ],
    ],
    [
      'tag not a date',
      { [TAG]: 'done' },
      undefined,
      'warn',
      [
        'The cluster tag secrets-rewritten-at ("done") is not an ISO 8601 date',
        'it is ignored.',
        'No attestation of a rewrite counts.',
      ],
    ],
    [
      'tag in the future',
      { [TAG]: '2025-02-01' },
      undefined,
      'warn',
      ['The cluster tag secrets-rewritten-at ("2025-02-01") is in the future'],
    ],
    [
      'tag with a control character',
      { [TAG]: '2024-06-02\u001b[2J' },
      undefined,
      'warn',
      ['("2024-06-02\\u001b[2J") is not an ISO 8601 date'],
    ],
    [
      'one owner: the annotation on the Resource counts',
      undefined,
      [
        namer(RESOURCE, PAYMENTS, '2024-06-02T10:00:00Z'),
        namer(COMPONENT, PAYMENTS),
      ],
      'pass',
      [
        `(annotation on ${RESOURCE})`,
        `the annotation on ${RESOURCE} attests a rewrite of all Secrets on 2024-06-02T10:00:00.000Z`,
      ],
    ],
    [
      'one owner: the latest valid annotation counts',
      undefined,
      [
        namer(RESOURCE, PAYMENTS, '2024-06-02'),
        namer(COMPONENT, PAYMENTS, '2024-06-03'),
      ],
      'pass',
      [`(annotation on ${COMPONENT})`],
    ],
    [
      'one owner, the latest annotation before the association',
      undefined,
      [namer(COMPONENT, PAYMENTS, '2024-05-01')],
      'warn',
      [
        `The rewrite attested on 2024-05-01T00:00:00.000Z by the annotation on ${COMPONENT} is not after the association.`,
      ],
    ],
    [
      'two owners',
      undefined,
      [
        namer('component:default/a', 'group:default/a', '2024-06-02'),
        namer('component:default/b', 'group:default/b'),
      ],
      'warn',
      [
        'The annotation on component:default/a is ignored: entities of 2 owners (group:default/a, group:default/b) name this cluster; an annotation counts only when every entity naming the cluster has one and the same owner.',
      ],
    ],
    [
      'two owners, both attesting',
      undefined,
      [
        namer('component:default/a', 'group:default/a', '2024-06-02'),
        namer('component:default/b', 'group:default/b', '2024-06-03'),
      ],
      'warn',
      [
        'The annotations on component:default/a, component:default/b are ignored: entities of 2 owners',
      ],
    ],
    [
      'a namer without an owner',
      undefined,
      [namer(COMPONENT, PAYMENTS, '2024-06-02'), namer('component:default/x')],
      'warn',
      [
        `The annotation on ${COMPONENT} is ignored: component:default/x names this cluster without an owner`,
      ],
    ],
    [
      'the only namer has no owner',
      undefined,
      [namer(COMPONENT, undefined, '2024-06-02')],
      'warn',
      [`${COMPONENT} names this cluster without an owner`],
    ],
    [
      'many owners are listed briefly',
      undefined,
      [
        namer('component:default/a', 'group:default/a', '2024-06-02'),
        ...['b', 'c', 'd', 'e'].map(o =>
          namer(`component:default/${o}`, `group:default/${o}`),
        ),
      ],
      'warn',
      [
        'entities of 5 owners (group:default/a, group:default/b, group:default/c and 2 more)',
      ],
    ],
    [
      'a stored annotation that is not a date',
      undefined,
      [namer(COMPONENT, PAYMENTS, 'yesterday')],
      'warn',
      [`The annotation on ${COMPONENT} ("yesterday") is not an ISO 8601 date`],
    ],
    [
      'the same namer twice (fresh and stored): the first counts',
      undefined,
      [
        namer(COMPONENT, PAYMENTS, '2024-06-02'),
        namer(COMPONENT, 'group:default/other'),
      ],
      'pass',
      [`(annotation on ${COMPONENT})`],
    ],
    [
      'tag later than the annotation',
      { [TAG]: '2024-06-05' },
      [namer(COMPONENT, PAYMENTS, '2024-06-03')],
      'pass',
      [
        '(cluster tag secrets-rewritten-at)',
        `Both the cluster tag secrets-rewritten-at (2024-06-05T00:00:00.000Z) and the annotation on ${COMPONENT} (2024-06-03T00:00:00.000Z) attest a rewrite; the later, the cluster tag secrets-rewritten-at, counts.`,
      ],
    ],
    [
      'annotation later than the tag',
      { [TAG]: '2024-05-01' },
      [namer(COMPONENT, PAYMENTS, '2024-06-03')],
      'pass',
      [
        `(annotation on ${COMPONENT})`,
        `the later, the annotation on ${COMPONENT}, counts.`,
      ],
    ],
    [
      'tag and annotation on the same date: the tag',
      { [TAG]: '2024-06-03' },
      [namer(COMPONENT, PAYMENTS, '2024-06-03')],
      'pass',
      ['(cluster tag secrets-rewritten-at)'],
    ],
    [
      'tag counts while the annotation is ignored (two owners)',
      { [TAG]: '2024-06-02' },
      [
        namer('component:default/a', 'group:default/a', '2024-06-09'),
        namer('component:default/b', 'group:default/b'),
      ],
      'pass',
      [
        '(cluster tag secrets-rewritten-at)',
        'The annotation on component:default/a is ignored: entities of 2 owners',
      ],
    ],
  ];

  it.each(table)('%s', (_label, tags, namedBy, status, fragments) => {
    const result = judgeSecretsRewritten(context({ tags, namedBy }));
    expect(result.status).toBe(status);
    const text = `${result.summary}\n${result.details}`;
    for (const fragment of fragments) expect(text).toContain(fragment);
    expect(result.summary).toMatch(SUMMARY[status]);
  });

  it('reads the tag the policy names, not the default one', () => {
    const ctx = context({
      tagName: 'compliance:rewritten',
      tags: { [TAG]: '2024-06-02', 'compliance:rewritten': '2024-06-03' },
    });
    expect(findAttestation(ctx).attestation).toEqual({
      at: '2024-06-03T00:00:00.000Z',
      source: 'cluster tag compliance:rewritten',
    });
  });

  it('does not take a tag named like an Object property from the prototype', () => {
    const ctx = context({ tagName: 'toString' });
    expect(findAttestation(ctx)).toEqual({ notes: [] });
  });

  it('does not count an attestation while the association is in progress', () => {
    const result = judgeSecretsRewritten(
      context({
        tags: { [TAG]: '2024-06-02' },
        updates: {
          ok: true,
          associationInProgress: { ...association, status: 'InProgress' },
        },
      }),
    );
    expect(result.status).toBe('warn');
    expect(result.details).toContain(
      'does not count while the association is in progress',
    );
  });

  it('passes without looking at attestations when encryption was set at creation', () => {
    const result = judgeSecretsRewritten(
      context({
        tags: { [TAG]: 'garbage' },
        updates: { ok: true },
      }),
    );
    expect(result.status).toBe('pass');
    expect(result.details).not.toContain('garbage');
  });

  it('keeps the remediation: rewrite, then tag the cluster or annotate', () => {
    const result = judgeSecretsRewritten(context());
    expect(result.remediation?.steps).toEqual([
      expect.stringContaining(
        'kubectl get secrets --all-namespaces -o json | kubectl replace -f -',
      ),
      `Record the rewrite with the cluster tag ${TAG} (the ISO 8601 time of the rewrite): aws eks tag-resource --resource-arn ${ARN} --tags ${TAG}=<date>. Only those with rights on the cluster can set it.`,
      expect.stringContaining(
        'the annotation counts only when every entity naming the cluster has the same owner',
      ),
    ]);
    expect(result.remediation?.snippets.map(s => s.code)).toEqual([
      expect.stringContaining('kubectl replace -f -'),
      `aws eks tag-resource --region eu-west-1 --resource-arn ${ARN} --tags ${TAG}=$(date -u +%Y-%m-%dT%H:%M:%SZ)`,
      expect.stringContaining('aws.amazon.com/eks-secrets-rewritten-at'),
    ]);
  });

  it('quotes a tag name the shell would split', () => {
    const result = judgeSecretsRewritten(context({ tagName: 'rewritten at' }));
    expect(result.remediation?.snippets[1].code).toContain(
      "--tags 'rewritten at'=$(date",
    );
  });

  it('warns with the association date, the rewrite command and the tag to set', () => {
    const result = judgeSecretsRewritten(context());
    expect(result.status).toBe('warn');
    expect(result.details).toContain(
      'No rewrite is attested with the cluster tag secrets-rewritten-at or the annotation aws.amazon.com/eks-secrets-rewritten-at.',
    );
    expect(remediationText(result)).toContain(
      `aws eks tag-resource --region eu-west-1 --resource-arn ${ARN} --tags secrets-rewritten-at=`,
    );
  });

  it('is unknown when the update history cannot be listed', () => {
    const result = judgeSecretsRewritten(
      context({
        updates: { ok: false, failure: awsFailure('eks:ListUpdates') },
      }),
    );
    expect(result.status).toBe('unknown');
    expect(result.summary).toBe(
      'Not verified: eks:ListUpdates denied in account 111122223333',
    );
  });

  it('is unknown when an update could not be read and no association was found', () => {
    const result = judgeSecretsRewritten(
      context({
        updates: {
          ok: true,
          unread: {
            updateId: 'u-1',
            failure: awsFailure('eks:DescribeUpdate', 'failed'),
          },
        },
      }),
    );
    expect(result.status).toBe('unknown');
    expect(result.details).toContain('Update u-1 could not be read');
  });

  it('is not applicable without a key', () => {
    expect(judgeSecretsRewritten(checkContext({ key: 'none' }))).toMatchObject({
      status: 'not-applicable',
      summary: 'No KMS key: Secrets use the AWS-owned default key',
    });
  });
});
