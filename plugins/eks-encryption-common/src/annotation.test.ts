import {
  capAnnotationErrors,
  displayToken,
  parseAttestationDate,
  parseClusterArn,
  parseClusterArns,
  REGION_PATTERNS,
} from './annotation';
import {
  MAX_ANNOTATION_ERRORS_PER_ENTITY,
  MAX_CLUSTERS_PER_ENTITY,
} from './constants';

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
      /^region cn-north-1 is not in partition aws: it belongs to aws-cn$/,
    ],
    [
      'a commercial region in aws-cn',
      'arn:aws-cn:eks:us-east-1:111122223333:cluster/x',
      /^region us-east-1 is not in partition aws-cn: it belongs to aws$/,
    ],
    [
      'a GovCloud region in aws',
      'arn:aws:eks:us-gov-west-1:111122223333:cluster/x',
      /^region us-gov-west-1 is not in partition aws: it belongs to aws-us-gov$/,
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

describe('regions', () => {
  const commercial = [
    'us-east-1',
    'us-east-2',
    'us-west-1',
    'us-west-2',
    'af-south-1',
    'ap-east-1',
    'ap-east-2',
    'ap-south-1',
    'ap-south-2',
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-northeast-3',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'ap-southeast-5',
    'ap-southeast-6',
    'ap-southeast-7',
    'ca-central-1',
    'ca-west-1',
    'eu-central-1',
    'eu-central-2',
    'eu-north-1',
    'eu-south-1',
    'eu-south-2',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'il-central-1',
    'me-central-1',
    'me-south-1',
    'mx-central-1',
    'sa-east-1',
  ];
  const byPartition: Array<[string, string]> = [
    ...commercial.map(r => ['aws', r] as [string, string]),
    ['aws-cn', 'cn-north-1'],
    ['aws-cn', 'cn-northwest-1'],
    ['aws-us-gov', 'us-gov-west-1'],
    ['aws-us-gov', 'us-gov-east-1'],
  ];

  it.each(byPartition)('%s accepts %s', (partition, region) => {
    const arn = `arn:${partition}:eks:${region}:111122223333:cluster/x`;
    expect(parseClusterArns(arn)).toEqual({
      clusters: [expect.objectContaining({ arn, partition, region })],
      errors: [],
    });
  });

  it.each(byPartition)(
    'no partition but %s matches %s',
    (partition, region) => {
      const matching = Object.entries(REGION_PATTERNS)
        .filter(([, pattern]) => pattern.test(region))
        .map(([name]) => name);
      expect(matching).toEqual([partition]);
    },
  );
});

describe('hostile annotation values', () => {
  // eslint-disable-next-line no-control-regex
  const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e]/;
  const arn = (region: string, name = 'x', partition = 'aws') =>
    `arn:${partition}:eks:${region}:111122223333:cluster/${name}`;

  // [label, value, reason, the token as reported]
  const cases: Array<[string, string, RegExp, string?]> = [
    [
      'a 40-character region',
      arn(`us-east-${'1'.repeat(32)}`),
      /^region "us-east-1{32}" is 40 characters long; an AWS region has at most 25$/,
    ],
    ['a 26-character region', arn('r'.repeat(26)), /is 26 characters long/],
    [
      'a 200-character name',
      arn('us-east-1', 'n'.repeat(200)),
      /^cluster name "n{120}…" is invalid: 1–100 letters/,
      `arn:aws:eks:us-east-1:111122223333:cluster/${'n'.repeat(77)}…`,
    ],
    [
      'fullwidth digits in the region',
      arn('us-east-１'),
      /^"us-east-１" is not an AWS region of partition aws, e.g. us-east-1$/,
    ],
    [
      'fullwidth digits in the account',
      'arn:aws:eks:us-east-1:１１１１２２２２３３３３:cluster/x',
      /account id "１{4}２{4}３{4}" must be 12 digits/,
    ],
    [
      'an RTL override in the name',
      arn('us-east-1', 'pay\u202Emorp'),
      /^cluster name "pay\\u202emorp" is invalid/,
      `arn:aws:eks:us-east-1:111122223333:cluster/pay\\u202emorp`,
    ],
    [
      'an RTL mark in the region',
      arn('us-east-1\u200F'),
      /^"us-east-1\\u200f" is not an AWS region of partition aws/,
    ],
    [
      'a zero-width space in the name',
      arn('us-east-1', 'a\u200Bb'),
      /cluster name "a\\u200bb" is invalid/,
    ],
    [
      'an emoji in the name',
      arn('us-east-1', 'pay🔥'),
      /cluster name "pay🔥" is invalid/,
    ],
    ['an emoji as the region', arn('🌍-1'), /"🌍-1" is not an AWS region/],
    [
      'a NUL in the name',
      arn('us-east-1', 'a\u0000b'),
      /cluster name "a\\u0000b" is invalid/,
      'arn:aws:eks:us-east-1:111122223333:cluster/a\\u0000b',
    ],
    [
      'a terminal escape in the region',
      arn('us-east-1\u001b[2J'),
      /^"us-east-1\\u001b\[2J" is not an AWS region/,
    ],
    [
      'a DEL and a C1 control in the name',
      arn('us-east-1', 'a\u007f\u009bb'),
      /cluster name "a\\u007f\\u009bb" is invalid/,
    ],
    [
      'aws-cn with a commercial region',
      arn('us-east-1', 'x', 'aws-cn'),
      /^region us-east-1 is not in partition aws-cn: it belongs to aws$/,
    ],
    [
      'aws with a China region',
      arn('cn-north-1'),
      /^region cn-north-1 is not in partition aws: it belongs to aws-cn$/,
    ],
    [
      'aws with a GovCloud region',
      arn('us-gov-west-1'),
      /^region us-gov-west-1 is not in partition aws: it belongs to aws-us-gov$/,
    ],
    [
      'aws-us-gov with a commercial region',
      arn('us-east-1', 'x', 'aws-us-gov'),
      /^region us-east-1 is not in partition aws-us-gov: it belongs to aws$/,
    ],
    [
      'aws-cn with a GovCloud region',
      arn('us-gov-east-1', 'x', 'aws-cn'),
      /it belongs to aws-us-gov$/,
    ],
    [
      'an upper-case region',
      arn('US-EAST-1'),
      /^"US-EAST-1" is not an AWS region: regions are lower-case, e.g. us-east-1$/,
    ],
    [
      'a region with a trailing dash',
      arn('us-east-1-'),
      /^"us-east-1-" is not an AWS region of partition aws, e.g. us-east-1$/,
    ],
    [
      'a region with a leading dash',
      arn('-us-east-1'),
      /"-us-east-1" is not an AWS region/,
    ],
    ['region number 0', arn('us-east-0'), /"us-east-0" is not an AWS region/],
    [
      'a zero-padded region number',
      arn('us-east-01'),
      /"us-east-01" is not an AWS region/,
    ],
    [
      'a three-digit region number',
      arn('us-east-100'),
      /"us-east-100" is not an AWS region/,
    ],
    ['an unknown area', arn('xx-east-1'), /"xx-east-1" is not an AWS region/],
    ['an unknown direction', arn('us-up-1'), /"us-up-1" is not an AWS region/],
    [
      'an ISO region (partition aws-iso) under aws',
      arn('us-iso-east-1'),
      /"us-iso-east-1" is not an AWS region/,
    ],
    ['a wildcard region', arn('*'), /"\*" is not an AWS region/],
  ];

  // Every row gets four values, or jest passes `done` as the fourth.
  const rows = cases.map(
    ([label, value, reason, token]) =>
      [label, value, reason, token ?? null] as const,
  );

  it.each(rows)(
    'refuses %s with an error naming the token, and no cluster',
    (_label, value, reason, token) => {
      const result = parseClusterArns(value);
      expect(result.clusters).toEqual([]);
      expect(result.errors).toEqual([
        { token: token ?? displayToken(value), reason: expect.any(String) },
      ]);
      expect(result.errors[0].reason).toMatch(reason);
      expect(result.errors[0].token.length).toBeLessThanOrEqual(121);
      expect(result.errors[0].token).not.toMatch(UNSAFE);
      expect(result.errors[0].reason).not.toMatch(UNSAFE);
    },
  );

  it('refuses 10,000 ARNs in one value as one error (the value cap)', () => {
    const value = Array.from({ length: 10_000 }, (_, i) =>
      arn('us-east-1', `c${i}`),
    ).join(',');
    const result = parseClusterArns(value);
    expect(result.clusters).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].reason).toBe(
      `the annotation is ${value.length} characters long; at most 10000 are read`,
    );
    expect(result.errors[0].token).toBe(`${value.slice(0, 120)}…`);
  });

  it(`keeps the first ${MAX_ANNOTATION_ERRORS_PER_ENTITY} errors and counts the rest`, () => {
    const bad = Array.from({ length: 500 }, (_, i) => `bad-${i}`);
    const result = parseClusterArns(`${bad.join(' ')} ${A}`);
    expect(result.clusters.map(c => c.arn)).toEqual([A]);
    expect(result.errors).toHaveLength(MAX_ANNOTATION_ERRORS_PER_ENTITY + 1);
    expect(result.errors.slice(0, 2).map(e => e.token)).toEqual([
      'bad-0',
      'bad-1',
    ]);
    expect(result.errors[MAX_ANNOTATION_ERRORS_PER_ENTITY]).toEqual({
      token: '…',
      reason: `and ${
        500 - MAX_ANNOTATION_ERRORS_PER_ENTITY
      } more invalid tokens, not listed`,
    });
    expect(JSON.stringify(result).length).toBeLessThan(5_000);
  });

  it('counts tokens over the cluster limit in the capped errors', () => {
    const arns = Array.from({ length: 150 }, (_, i) =>
      arn('us-east-1', `c${i}`),
    );
    const result = parseClusterArns(arns.join(' '));
    expect(result.clusters).toHaveLength(MAX_CLUSTERS_PER_ENTITY);
    expect(result.errors).toHaveLength(MAX_ANNOTATION_ERRORS_PER_ENTITY + 1);
    expect(result.errors.at(-1)?.reason).toBe(
      `and ${
        100 - MAX_ANNOTATION_ERRORS_PER_ENTITY
      } more invalid tokens, not listed`,
    );
  });

  it('returns every error when the caller caps them itself', () => {
    const bad = Array.from({ length: 30 }, (_, i) => `bad-${i}`);
    expect(
      parseClusterArns(bad.join(' '), { maxErrors: Infinity }).errors,
    ).toHaveLength(30);
  });
});

describe('capAnnotationErrors', () => {
  const errors = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ token: `t${i}`, reason: 'r' }));

  it.each([0, 1, 20, 21])('keeps %i errors as they are', n => {
    expect(capAnnotationErrors(errors(n))).toEqual(errors(n));
  });

  it('keeps the first 20 and one entry counting the rest', () => {
    const capped = capAnnotationErrors(errors(22));
    expect(capped).toHaveLength(21);
    expect(capped[19]).toEqual({ token: 't19', reason: 'r' });
    expect(capped[20]).toEqual({
      token: '…',
      reason: 'and 2 more invalid tokens, not listed',
    });
  });
});

describe('displayToken', () => {
  it.each([
    ['plain text', 'abc', 'abc'],
    ['a NUL', 'a\u0000b', 'a\\u0000b'],
    ['an RTL override', '\u202Eabc', '\\u202eabc'],
    ['a BOM', '\uFEFFabc', '\\ufeffabc'],
    ['a line separator', 'a\u2028b', 'a\\u2028b'],
    ['a lone surrogate', 'a\uD800b', 'a\\ud800b'],
    ['an emoji (kept whole)', '🔥ok', '🔥ok'],
  ])('escapes %s', (_label, value, expected) => {
    expect(displayToken(value)).toBe(expected);
  });

  it('shortens to 120 characters without splitting an emoji or an escape', () => {
    expect(displayToken(`${'a'.repeat(119)}🔥`)).toBe(`${'a'.repeat(119)}…`);
    expect(displayToken(`${'a'.repeat(117)}\u0000`)).toBe(
      `${'a'.repeat(117)}…`,
    );
    expect(displayToken('a'.repeat(120))).toBe('a'.repeat(120));
  });
});

describe('parseAttestationDate', () => {
  const now = new Date('2025-06-01T00:00:00Z');

  it.each([
    ['2025-05-31', '2025-05-31T00:00:00.000Z'],
    ['2025-05-31T12:00Z', '2025-05-31T12:00:00.000Z'],
    ['2025-05-31T12:00:00+02:00', '2025-05-31T10:00:00.000Z'],
    ['2024-02-29T23:59:59.5Z', '2024-02-29T23:59:59.500Z'],
    ['2025-06-01T00:00:00Z', '2025-06-01T00:00:00.000Z'],
  ])('accepts %s', (raw, value) => {
    expect(parseAttestationDate(raw, now)).toEqual({ value });
  });

  it.each([
    ['not a date', 'yesterday'],
    ['day 30 of February', '2025-02-30'],
    ['month 13', '2025-13-01'],
    ['hour 24', '2025-05-31T24:00:00Z'],
    ['a slash date', '2025/05/31'],
    ['fullwidth digits', '２０２５-05-31'],
    ['a long value', `2025-05-31${' '.repeat(100)}`],
  ])('refuses %s as not ISO 8601', (_label, raw) => {
    expect(parseAttestationDate(raw, now)).toEqual({
      error: expect.stringMatching(/^is not an ISO 8601 date/),
    });
  });

  it('refuses a date in the future', () => {
    expect(parseAttestationDate('2025-06-01T00:00:01Z', now)).toEqual({
      error: expect.stringMatching(/^is in the future/),
    });
  });
});

describe('parseClusterArn', () => {
  it('returns an error object rather than throwing', () => {
    expect(parseClusterArn('x')).toEqual({
      error: expect.stringMatching(/not an ARN/),
    });
  });
});
