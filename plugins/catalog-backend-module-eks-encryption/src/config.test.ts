import { ConfigReader } from '@backstage/config';
import { DEFAULT_SCHEDULE, readDiscoveryProviderConfig } from './config';

function read(eksEncryption?: object) {
  return readDiscoveryProviderConfig(
    new ConfigReader(
      eksEncryption ? { catalog: { providers: { eksEncryption } } } : {},
    ),
  );
}

describe('readDiscoveryProviderConfig', () => {
  it('is off, every 30 minutes, owned by group:default/unknown by default', () => {
    expect(read()).toEqual({
      enabled: false,
      schedule: DEFAULT_SCHEDULE,
      ownerFallback: 'group:default/unknown',
    });
    expect(DEFAULT_SCHEDULE).toMatchObject({
      frequency: { minutes: 30 },
      timeout: { minutes: 3 },
    });
  });

  it('reads the schedule and a fallback owner given as a bare group name', () => {
    expect(
      read({
        enabled: true,
        schedule: { frequency: 'PT10M', timeout: { minutes: 2 } },
        owner: { fallback: 'platform' },
      }),
    ).toEqual({
      enabled: true,
      schedule: { frequency: { minutes: 10 }, timeout: { minutes: 2 } },
      ownerFallback: 'group:default/platform',
    });
  });

  it('refuses a fallback owner that is not an entity ref', () => {
    expect(() => read({ owner: { fallback: 'not a ref' } })).toThrow(
      'catalog.providers.eksEncryption.owner.fallback must be an entity ref',
    );
  });

  it('refuses a schedule without a frequency', () => {
    expect(() => read({ schedule: { timeout: { minutes: 1 } } })).toThrow();
  });
});
