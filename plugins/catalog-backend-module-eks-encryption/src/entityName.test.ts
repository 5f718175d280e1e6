import { randomInt } from 'node:crypto';
import { makeValidator } from '@backstage/catalog-model';
import {
  parseClusterArn,
  type ClusterArn,
} from 'backstage-plugin-eks-encryption-common';
import { discoveredClusterEntityName } from './entityName';

const { isValidEntityName } = makeValidator();

function cluster(arn: string): ClusterArn {
  const parsed = parseClusterArn(arn);
  if ('error' in parsed) throw new Error(`${arn}: ${parsed.error}`);
  return parsed;
}

function nameOf(arn: string): string {
  return discoveredClusterEntityName(cluster(arn));
}

/**
 * The catalog AWS module's EKS Resource name (its defaultTransformers'
 * normalizeName): the cluster name, lower-cased, anything but `[a-zA-Z0-9-]`
 * turned into `-`.
 */
function awsModuleName(clusterName: string): string {
  return clusterName
    .trim()
    .toLocaleLowerCase('en-US')
    .replace(/[^a-zA-Z0-9\-]/g, '-');
}

const NAME_CHARS =
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';
const REGIONS = [
  ['aws', 'us-east-1'],
  ['aws', 'eu-west-1'],
  ['aws', 'ap-southeast-2'],
  ['aws-cn', 'cn-north-1'],
  ['aws-us-gov', 'us-gov-west-1'],
  ['aws-us-gov', 'us-gov-east-1'],
] as const;

function randomClusterName(): string {
  const length = randomInt(1, 101);
  let name = NAME_CHARS[randomInt(0, 62)]; // a letter or digit first
  while (name.length < length) name += NAME_CHARS[randomInt(0, 64)];
  return name;
}

function randomArn(): string {
  const [partition, region] = REGIONS[randomInt(0, REGIONS.length)];
  // Few accounts, so that names meet in the same account and region.
  const account = `${randomInt(1, 4)}`.padStart(12, '0');
  return `arn:${partition}:eks:${region}:${account}:cluster/${randomClusterName()}`;
}

describe('discoveredClusterEntityName', () => {
  it('spells out account, region and a lower-case cluster name', () => {
    expect(
      nameOf('arn:aws:eks:eu-west-1:123456789012:cluster/payments-prod_2'),
    ).toBe('eks.123456789012.eu-west-1.payments-prod_2');
  });

  it('adds a hash of the ARN when the cluster name has upper case', () => {
    const name = nameOf('arn:aws:eks:eu-west-1:123456789012:cluster/Payments');
    expect(name).toMatch(
      /^eks\.123456789012\.eu-west-1\.payments\.[0-9a-f]{10}$/,
    );
  });

  it('gives the name the README shows', () => {
    expect(
      nameOf('arn:aws:eks:eu-west-1:123456789012:cluster/Payments-Prod'),
    ).toBe('eks.123456789012.eu-west-1.payments-prod.0e8712061d');
  });

  it('tells apart clusters whose names differ only in case', () => {
    const names = ['payments', 'Payments', 'PAYMENTS', 'payMents'].map(n =>
      nameOf(`arn:aws:eks:eu-west-1:123456789012:cluster/${n}`),
    );
    const folded = new Set(names.map(n => n.toLocaleLowerCase('en-US')));
    expect(folded.size).toBe(names.length);
  });

  it('shortens a long cluster name to 63 characters, keeping a hash', () => {
    const long = `a${'-b'.repeat(49)}c`; // 100 characters
    const name = nameOf(
      `arn:aws-us-gov:eks:us-gov-west-1:123456789012:cluster/${long}`,
    );
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(
      /^eks\.123456789012\.us-gov-west-1\.a(-b)*\.[0-9a-f]{10}$/,
    );
    expect(isValidEntityName(name)).toBe(true);
  });

  it('tells apart long names that differ only in their last character', () => {
    const base = 'x'.repeat(99);
    const a = nameOf(`arn:aws:eks:us-east-1:123456789012:cluster/${base}a`);
    const b = nameOf(`arn:aws:eks:us-east-1:123456789012:cluster/${base}b`);
    expect(a).not.toBe(b);
    expect(a.slice(0, -10)).toBe(b.slice(0, -10));
  });

  it('keeps the name valid when the cluster name repeats or ends with separators', () => {
    for (const clusterName of ['a--b', 'a_-_b', 'a-', 'a_', '0__', 'a-_']) {
      const name = nameOf(
        `arn:aws:eks:us-east-1:123456789012:cluster/${clusterName}`,
      );
      expect(isValidEntityName(name)).toBe(true);
      expect(name.split('.')).toHaveLength(5);
    }
    expect(nameOf('arn:aws:eks:us-east-1:123456789012:cluster/a--b')).not.toBe(
      nameOf('arn:aws:eks:us-east-1:123456789012:cluster/a-b'),
    );
  });

  it('tells apart the same cluster name in other accounts, regions and partitions', () => {
    const names = [
      'arn:aws:eks:us-east-1:123456789012:cluster/main',
      'arn:aws:eks:us-east-2:123456789012:cluster/main',
      'arn:aws:eks:us-east-1:210987654321:cluster/main',
      'arn:aws-us-gov:eks:us-gov-east-1:123456789012:cluster/main',
      'arn:aws-cn:eks:cn-north-1:123456789012:cluster/main',
    ].map(nameOf);
    expect(new Set(names).size).toBe(names.length);
  });

  it('is stable: the same ARN always gets the same name', () => {
    const arn = 'arn:aws:eks:eu-west-1:123456789012:cluster/Some_Cluster-';
    expect(nameOf(arn)).toBe(nameOf(arn));
  });

  it('gives 1,000 random ARNs distinct, valid names that no AWS module name equals', () => {
    const arns = new Set<string>();
    while (arns.size < 1000) arns.add(randomArn());
    const byName = new Map<string, string>();
    for (const arn of arns) {
      const name = nameOf(arn);
      expect({ arn, name, valid: isValidEntityName(name) }).toEqual({
        arn,
        name,
        valid: true,
      });
      const key = name.toLocaleLowerCase('en-US');
      expect({ arn, clashesWith: byName.get(key) }).toEqual({
        arn,
        clashesWith: undefined,
      });
      byName.set(key, arn);
      expect(name).not.toBe(awsModuleName(cluster(arn).name));
    }
  });

  it('never equals a name the catalog AWS module gives an EKS cluster', () => {
    // Its names have no dot, ours always do.
    const clusterName = 'eks-123456789012-us-east-1-main';
    expect(awsModuleName(clusterName)).not.toContain('.');
    expect(
      nameOf(`arn:aws:eks:us-east-1:123456789012:cluster/${clusterName}`),
    ).toContain('.');
  });
});
