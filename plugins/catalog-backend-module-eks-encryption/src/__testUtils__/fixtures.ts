import type {
  DiscoveredCluster,
  Discovery,
} from 'backstage-plugin-eks-encryption-common';

const LISTED_AT = '2026-11-29T23:00:00.000Z';

/** A discovered cluster as `GET /v1/discovery` lists it. */
export function discoveredCluster(
  arn: string,
  extra: Partial<DiscoveredCluster> = {},
): DiscoveredCluster {
  const [, , , region, accountId, resource] = arn.split(':');
  return {
    arn,
    accountId,
    region,
    name: resource?.split('/')[1] ?? '',
    claimed: false,
    firstSeenAt: LISTED_AT,
    listedAt: LISTED_AT,
    ...extra,
  };
}

export const PAYMENTS_ARN =
  'arn:aws:eks:eu-west-1:123456789012:cluster/payments';
export const LEGACY_ARN = 'arn:aws:eks:us-east-1:210987654321:cluster/Legacy_';

/** A claimed cluster with an owner, and an unclaimed one without. */
export const DISCOVERY: Discovery = {
  enabled: true,
  clusters: [
    discoveredCluster(PAYMENTS_ARN, {
      claimed: true,
      ownerTag: 'payments',
      ownerRef: 'group:default/payments',
      environment: 'production',
      isProduction: true,
    }),
    discoveredCluster(LEGACY_ARN, { ownerTag: 'nobody-we-know' }),
  ],
  listings: [
    {
      accountId: '123456789012',
      region: 'eu-west-1',
      listedAt: LISTED_AT,
      complete: true,
    },
    {
      accountId: '210987654321',
      region: 'us-east-1',
      listedAt: LISTED_AT,
      complete: true,
    },
  ],
};
