import {
  ACCOUNT,
  awsFailure,
  checkContext,
  KEY_ARN,
  remediationText,
  resolvedKey,
} from './__testUtils__/checkContext';
import { keyRotationCheck } from './keyRotation';

const run = (
  rotation: NonNullable<Parameters<typeof resolvedKey>[0]>['rotation'],
  maxRotationDays = 365,
  origin?: string,
) =>
  keyRotationCheck.judge(
    checkContext({
      key: resolvedKey({
        rotation,
        ...(origin ? { metadata: { origin } } : {}),
      }),
      policy: { maxRotationDays },
    }),
  );

describe('key-rotation check', () => {
  it('is a medium check', () => {
    expect(keyRotationCheck).toMatchObject({
      id: 'key-rotation',
      severity: 'medium',
    });
  });

  it('passes for rotation every 365 days', () => {
    const result = run({ enabled: true, periodInDays: 365 });
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'The KMS key rotates automatically every 365 days',
    );
    expect(result.details).toContain('Next rotation: 2025-06-01.');
  });

  it('reads an absent period as the AWS default of 365 days', () => {
    const pass = run({ enabled: true, periodInDays: undefined });
    expect(pass.status).toBe('pass');
    expect(pass.details).toContain('the AWS default');
    const fail = run({ enabled: true, periodInDays: undefined }, 180);
    expect(fail.status).toBe('fail');
    expect(fail.summary).toBe(
      'The KMS key rotates every 365 days, longer than the 180-day maximum',
    );
    expect(remediationText(fail)).toContain('--rotation-period-in-days 180');
  });

  it('fails when rotation is off, with the enable-key-rotation command', () => {
    const result = run({ enabled: false });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('Automatic rotation of the KMS key is off');
    const text = remediationText(result);
    expect(text).toContain(
      `aws kms enable-key-rotation --region eu-west-1 --key-id ${KEY_ARN} --rotation-period-in-days 365`,
    );
    expect(text).toContain('enable_key_rotation     = true');
  });

  it('says why a key with imported material cannot rotate', () => {
    const result = run({ enabled: false }, 365, 'EXTERNAL');
    expect(result.details).toContain(
      'Keys with Origin EXTERNAL do not support automatic rotation',
    );
  });

  it('fails for a period longer than the policy allows and passes within it', () => {
    expect(run({ enabled: true, periodInDays: 730 }).status).toBe('fail');
    expect(run({ enabled: true, periodInDays: 730 }, 730).status).toBe('pass');
  });

  it('proposes at most the AWS default period', () => {
    expect(remediationText(run({ enabled: false }, 730))).toContain(
      '--rotation-period-in-days 365',
    );
  });

  it('is unknown when the rotation status cannot be read', () => {
    const result = run(awsFailure('kms:GetKeyRotationStatus'));
    expect(result.status).toBe('unknown');
    expect(result.summary).toBe(
      `Not verified: kms:GetKeyRotationStatus denied in account ${ACCOUNT}`,
    );
  });

  it('is not applicable without a key', () => {
    expect(keyRotationCheck.judge(checkContext({ key: 'none' })).status).toBe(
      'not-applicable',
    );
  });
});
