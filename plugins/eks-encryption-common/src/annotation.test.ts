import { parseClusterArn, parseClusterArns } from './annotation';
import { MAX_CLUSTERS_PER_ENTITY } from './constants';

const A = 'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod';
const B = 'arn:aws:eks:eu-west-1:444455556666:cluster/web_staging';
const CN = 'arn:aws-cn:eks:cn-north-1:111122223333:cluster/china';
const GOV = 'arn:aws-us-gov:eks:us-gov-west-1:111122223333:cluster/gov';

describe('parseClusterArns', () => {
  const valid: Array<[string, string, string[]]> = [
    ['a single ARN', A, [A]],
    ['comma separated', `${A},${B}`, [A, B]],
    ['comma and spaces', `${A} , ${B}`, [A, B]],
    ['newlines (YAML block scalar)', `${A}\n${B}\n`, [A, B]],
    ['tabs', `${A}\t${B}`, [A, B]],
    ['leading and trailing separators', `, ${A},,\n`, [A]],
    ['duplicates collapse', `${A},${A} ${A}`, [A]],
    ['aws-cn partition', CN, [CN]],
    ['aws-us-gov partition', GOV, [GOV]],
    [
      'name of one character',
      'arn:aws:eks:us-east-1:111122223333:cluster/a',
      ['arn:aws:eks:us-east-1:111122223333:cluster/a'],
    ],
    [
      'name of 100 characters',
      `arn:aws:eks:us-east-1:111122223333:cluster/${'a'.repeat(100)}`,
      [`arn:aws:eks:us-east-1:111122223333:cluster/${'a'.repeat(100)}`],
    ],
    [
      'name starting with a digit',
      'arn:aws:eks:ap-southeast-2:111122223333:cluster/1st',
      ['arn:aws:eks:ap-southeast-2:111122223333:cluster/1st'],
    ],
    [
      'two-digit region number',
      'arn:aws:eks:ap-southeast-12:111122223333:cluster/x',
      ['arn:aws:eks:ap-southeast-12:111122223333:cluster/x'],
    ],
  ];

  it.each(valid)('accepts %s', (_label, value, expected) => {
    const result = parseClusterArns(value);
    expect(result.errors).toEqual([]);
    expect(result.clusters.map(c => c.arn)).toEqual(expected);
  });

  const invalid: Array<[string, string, RegExp]> = [
    ['a bare cluster name', 'payments-prod', /not an ARN/],
    ['upper-case ARN prefix', A.replace('arn:', 'ARN:'), /not an ARN/],
    [
      'a URL',
      'https://console.aws.amazon.com/eks/home#/clusters/x',
      /not an ARN/,
    ],
    [
      'too few parts',
      'arn:aws:eks:us-east-1:cluster/x',
      /6 colon-separated parts, found 5/,
    ],
    ['too many parts', `${A}:extra`, /found 7/],
    [
      'unknown partition',
      'arn:aws-iso:eks:us-iso-east-1:111122223333:cluster/x',
      /unsupported partition "aws-iso"/,
    ],
    [
      'another service',
      'arn:aws:ecs:us-east-1:111122223333:cluster/x',
      /service is "ecs", not "eks"/,
    ],
    [
      'a nodegroup ARN',
      'arn:aws:eks:us-east-1:111122223333:nodegroup/c/ng/uuid',
      /resource must be "cluster\/<name>", found "nodegroup\/c\/ng\/uuid"/,
    ],
    [
      'an empty region',
      'arn:aws:eks::111122223333:cluster/x',
      /"" is not an AWS region/,
    ],
    [
      'a made-up region',
      'arn:aws:eks:moon-1:111122223333:cluster/x',
      /is not an AWS region/,
    ],
    [
      'a China region in aws',
      'arn:aws:eks:cn-north-1:111122223333:cluster/x',
      /not in partition aws$/,
    ],
    [
      'a commercial region in aws-cn',
      'arn:aws-cn:eks:us-east-1:111122223333:cluster/x',
      /not in partition aws-cn/,
    ],
    [
      'a GovCloud region in aws',
      'arn:aws:eks:us-gov-west-1:111122223333:cluster/x',
      /not in partition aws$/,
    ],
    [
      'an 11-digit account',
      'arn:aws:eks:us-east-1:11112222333:cluster/x',
      /must be 12 digits/,
    ],
    [
      'a non-numeric account',
      'arn:aws:eks:us-east-1:11112222333a:cluster/x',
      /must be 12 digits/,
    ],
    [
      'an empty cluster name',
      'arn:aws:eks:us-east-1:111122223333:cluster/',
      /cluster name "" is invalid/,
    ],
    [
      'no slash',
      'arn:aws:eks:us-east-1:111122223333:cluster',
      /resource must be "cluster\/<name>", found "cluster"/,
    ],
    [
      'a path traversal',
      'arn:aws:eks:us-east-1:111122223333:cluster/../etc',
      /cluster name "..\/etc" is invalid/,
    ],
    [
      'a name of 101 characters',
      `arn:aws:eks:us-east-1:111122223333:cluster/${'a'.repeat(101)}`,
      /is invalid/,
    ],
    [
      'a name starting with a dash',
      'arn:aws:eks:us-east-1:111122223333:cluster/-x',
      /is invalid/,
    ],
    [
      'a dot in the name',
      'arn:aws:eks:us-east-1:111122223333:cluster/a.b',
      /is invalid/,
    ],
    ['quoted ARN', `"${A}"`, /not an ARN/],
    [
      'a wildcard',
      'arn:aws:eks:us-east-1:111122223333:cluster/*',
      /is invalid/,
    ],
    [
      'unicode look-alike in the name',
      'arn:aws:eks:us-east-1:111122223333:cluster/pаyments',
      /is invalid/,
    ],
    ['a semicolon list', `${A};${B}`, /found 11/],
  ];

  it.each(invalid)('rejects %s with its reason', (_label, value, reason) => {
    const result = parseClusterArns(value);
    expect(result.clusters).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].reason).toMatch(reason);
  });

  it('reports each bad token and keeps the good ones', () => {
    const result = parseClusterArns(
      `${A}, nope, ${B}, arn:aws:eks:us-east-1:1:cluster/x`,
    );
    expect(result.clusters.map(c => c.arn)).toEqual([A, B]);
    expect(result.errors.map(e => e.token)).toEqual([
      'nope',
      'arn:aws:eks:us-east-1:1:cluster/x',
    ]);
  });

  it('splits an ARN into its parts', () => {
    expect(parseClusterArns(GOV).clusters[0]).toEqual({
      arn: GOV,
      partition: 'aws-us-gov',
      region: 'us-gov-west-1',
      accountId: '111122223333',
      name: 'gov',
    });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an empty string', ''],
    ['only separators', ' ,\n\t, '],
  ])('treats %s as no clusters and no errors', (_label, value) => {
    expect(parseClusterArns(value)).toEqual({ clusters: [], errors: [] });
  });

  it.each([
    ['a number', 42],
    ['an object', { arn: A }],
    ['an array', [A]],
  ])('reports %s instead of throwing', (_label, value) => {
    const result = parseClusterArns(value);
    expect(result.clusters).toEqual([]);
    expect(result.errors[0].reason).toBe(
      'the annotation value must be a string',
    );
  });

  it('refuses an oversized value without scanning it', () => {
    const result = parseClusterArns(`${A},`.repeat(5000));
    expect(result.clusters).toEqual([]);
    expect(result.errors[0].reason).toMatch(/at most 10000 are read/);
    expect(result.errors[0].token.length).toBeLessThanOrEqual(121);
  });

  it('escapes control characters in reported tokens', () => {
    const result = parseClusterArns('bad\u0000token\u001b[31m');
    expect(result.errors[0].token).toBe('bad\\u0000token\\u001b[31m');
  });

  it(`evaluates at most ${MAX_CLUSTERS_PER_ENTITY} clusters per entity`, () => {
    const arns = Array.from(
      { length: MAX_CLUSTERS_PER_ENTITY + 2 },
      (_, i) => `arn:aws:eks:us-east-1:111122223333:cluster/c${i}`,
    );
    const result = parseClusterArns(arns.join(','));
    expect(result.clusters).toHaveLength(MAX_CLUSTERS_PER_ENTITY);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0].reason).toMatch(/more than 50 clusters/);
  });
});

describe('parseClusterArn', () => {
  it('returns an error object rather than throwing', () => {
    expect(parseClusterArn('x')).toEqual({
      error: expect.stringMatching(/not an ARN/),
    });
  });
});
