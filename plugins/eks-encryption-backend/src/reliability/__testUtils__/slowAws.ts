import type { FakeAwsEndpoint } from '../../__testUtils__/fakeAwsEndpoint';
import type { ClusterName } from './estate';

/** A delay no run in these tests waits out: the cluster is read only if the run outlives it. */
export const NEVER_IN_TIME_MS = 60_000;

/** Makes `eks:DescribeCluster` of each named cluster answer after `delayMs`. */
export function slowClusters(
  aws: FakeAwsEndpoint,
  delays: Partial<Record<ClusterName, number>>,
): void {
  for (const [name, delayMs] of Object.entries(delays)) {
    aws.fault(
      'eks:DescribeCluster',
      { kind: 'slow', delayMs: delayMs! },
      { resource: name },
    );
  }
}
