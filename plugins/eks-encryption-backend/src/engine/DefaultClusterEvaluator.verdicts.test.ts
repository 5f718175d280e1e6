import {
  clusterArnOf,
  clusterFixture,
  fixture,
  keyArnOf,
  keyFixture,
} from '../__testUtils__/awsEstate';
import {
  clusterNamed,
  SOURCE_KINDS,
  SourceHarness,
} from './__testUtils__/evaluationHarness';

const key = keyFixture({ keyId: '9abc0def-12ab-34cd-56ef-1234567890ab' });
const withKey = (name: string, init = {}) =>
  clusterFixture({ name, encryptionKeyRef: keyArnOf(key), ...init });

describe.each(SOURCE_KINDS)(
  'DefaultClusterEvaluator verdicts (%s source)',
  kind => {
    const harness = new SourceHarness(kind);
    afterEach(() => harness.cleanup());

    it('is compliant with score 100 and grade A when every judged check passes', async () => {
      const out = await harness.evaluate(
        fixture({ clusters: [withKey('ok')], keys: [key] }),
      );
      expect(clusterNamed(out, 'ok')).toMatchObject({
        verdict: 'compliant',
        score: 100,
        grade: 'A',
      });
    });

    it('gives half credit for a warning and stays compliant', async () => {
      const out = await harness.evaluate(
        fixture({
          clusters: [
            withKey('warned', {
              updates: [
                {
                  id: 'c1b2c3d4-0000-4000-8000-000000000001',
                  type: 'AssociateEncryptionConfig',
                  status: 'Successful',
                  createdAt: '2024-06-01T00:00:00.000Z',
                },
              ],
            }),
          ],
          keys: [key],
        }),
      );
      // Judged weights 40+20+40+10+10+20+10+5 = 155; the medium warning earns 5 of 10.
      expect(clusterNamed(out, 'warned')).toMatchObject({
        verdict: 'compliant',
        score: Math.round((150 / 155) * 100),
        grade: 'A',
      });
    });

    it('is non-compliant when a critical check fails', async () => {
      const out = await harness.evaluate(
        fixture({
          clusters: [clusterFixture({ name: 'plain', version: '1.26' })],
        }),
      );
      // Only envelope (40, fail), customer-managed-key (20, fail) and tags (5, pass) are judged.
      expect(clusterNamed(out, 'plain')).toMatchObject({
        verdict: 'non-compliant',
        score: Math.round((5 / 65) * 100),
        grade: 'F',
      });
    });

    it('grades a non-compliant cluster D at best', async () => {
      const awsManaged = keyFixture({
        keyId: '9abc0def-12ab-34cd-56ef-1234567890ab',
        keyManager: 'AWS',
      });
      const out = await harness.evaluate(
        fixture({ clusters: [withKey('managed')], keys: [awsManaged] }),
      );
      const evaluation = clusterNamed(out, 'managed');
      // customer-managed-key (20) fails; the AWS key's tags are not judged, the cluster's pass.
      expect(evaluation.score).toBe(Math.round((135 / 155) * 100));
      expect(evaluation).toMatchObject({
        verdict: 'non-compliant',
        grade: 'D',
      });
    });

    it('is incomplete when a high check is unknown and nothing blocking fails', async () => {
      const out = await harness.evaluate(
        fixture({
          clusters: [withKey('partial')],
          keys: [key],
          failures: [
            {
              action: 'kms:GetKeyPolicy',
              resource: keyArnOf(key),
              errorName: 'AccessDeniedException',
            },
          ],
        }),
      );
      expect(clusterNamed(out, 'partial')).toMatchObject({
        verdict: 'incomplete',
        score: Math.round((135 / 155) * 100),
        grade: 'B',
      });
    });

    it('gives every finding a one-line summary, details and a remediation', async () => {
      const broken = keyFixture({
        keyId: '9abc0def-12ab-34cd-56ef-1234567890ac',
        keyManager: 'AWS',
        keyState: 'Disabled',
        rotation: { enabled: false },
        policy: {
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' },
            {
              Effect: 'Deny',
              NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: 'kms:*',
              Resource: '*',
            },
          ],
        },
        tags: {},
      });
      const out = await harness.evaluate(
        fixture({
          clusters: [
            clusterFixture({ name: 'old', version: '1.25', tags: {} }),
            clusterFixture({ name: 'default', tags: {} }),
            clusterFixture({
              name: 'bad',
              encryptionKeyRef: keyArnOf(broken),
              tags: {},
              updates: [
                {
                  id: 'c1b2c3d4-0000-4000-8000-000000000002',
                  type: 'AssociateEncryptionConfig',
                  status: 'Successful',
                  createdAt: '2024-06-01T00:00:00.000Z',
                },
              ],
            }),
            withKey('denied', {
              updates: [
                {
                  id: 'c1b2c3d4-0000-4000-8000-000000000003',
                  type: 'VersionUpdate',
                  status: 'Successful',
                  createdAt: '2024-06-01T00:00:00.000Z',
                },
              ],
            }),
          ],
          keys: [broken, key],
          failures: [
            'kms:GetKeyRotationStatus',
            'kms:GetKeyPolicy',
            'kms:ListResourceTags',
          ].map(action => ({
            action: action as 'kms:GetKeyPolicy',
            resource: keyArnOf(key),
            errorName: 'AccessDeniedException',
          })),
        }),
        { policy: { approvedKeyArns: [keyArnOf(key)] } },
      );
      const findings = out.clusters.flatMap(c =>
        c.checks.filter(
          check => check.status !== 'pass' && check.status !== 'not-applicable',
        ),
      );
      expect(new Set(findings.map(f => f.status))).toEqual(
        new Set(['fail', 'warn', 'unknown']),
      );
      for (const check of out.clusters.flatMap(c => c.checks)) {
        expect(check.summary).toMatch(/^[^\n]+$/);
        expect(check.details.length).toBeGreaterThan(0);
      }
      for (const finding of findings) {
        expect(finding.remediation?.steps.length).toBeGreaterThan(0);
      }
    });

    it('is an error with score 0 when the cluster cannot be read', async () => {
      const gone = clusterFixture({ name: 'gone' });
      const out = await harness.evaluate(
        fixture({
          clusters: [gone],
          failures: [
            {
              action: 'eks:DescribeCluster',
              resource: clusterArnOf(gone),
              errorName: 'ResourceNotFoundException',
            },
          ],
        }),
      );
      expect(clusterNamed(out, 'gone')).toMatchObject({
        verdict: 'error',
        score: 0,
        grade: 'F',
        checks: [],
      });
    });
  },
);
