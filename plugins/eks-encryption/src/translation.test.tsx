import type { Entity } from '@backstage/catalog-model';
import {
  appLanguageApiRef,
  translationApiRef,
  type AppLanguageApi,
  type TranslationApi,
} from '@backstage/core-plugin-api/alpha';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { EKS_CLUSTER_ARN_ANNOTATION } from 'backstage-plugin-eks-encryption-common';
// The test runs in Node and reads the component sources to find the keys used.
// eslint-disable-next-line no-restricted-imports
import { readdirSync, readFileSync, statSync } from 'fs';
// eslint-disable-next-line no-restricted-imports
import { join } from 'path';
import { eksEncryptionTranslationRef as alphaTranslationRef } from './alpha';
import { eksEncryptionApiRef } from './api';
import {
  PAYMENTS_PROD_ARN,
  nonCompliantScorecard,
} from './__testUtils__/fixtures';
import { mockEksEncryptionApi } from './__testUtils__/mockEksEncryptionApi';
import { EntityEksEncryptionCard } from './components/EntityEksEncryptionCard';
import { EvaluatedAt } from './components/shared/EvaluatedAt';
import {
  createFormatters,
  type EksTranslate,
} from './components/shared/format';
import {
  eksEncryptionMessages,
  eksEncryptionTranslationRef,
} from './translation';

/** `{ a: { b: 'x' } }` as `[['a.b', 'x']]`. */
function flatten(messages: object, prefix = ''): [string, string][] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : flatten(value, `${prefix}${key}.`),
  );
}

/** Every source file of the components, tests left out. */
function componentSources(dir = join(__dirname, 'components')): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return componentSources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)
      ? [readFileSync(path, 'utf8')]
      : [];
  });
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/**
 * A translation API answering with the given messages where it has them
 * (interpolating `{{name}}`), else the English ones.
 */
function translationApiWith(overrides: Record<string, string>): TranslationApi {
  const base = mockApis.translation();
  return {
    getTranslation(ref) {
      const snapshot = base.getTranslation(ref);
      if (!snapshot.ready || ref.id !== eksEncryptionTranslationRef.id) {
        return snapshot;
      }
      const t = ((key: string, options?: Record<string, unknown>) => {
        const override = overrides[key];
        if (override === undefined) {
          return (snapshot.t as (k: string, o?: object) => string)(
            key,
            options,
          );
        }
        return override.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) =>
          String(options?.[name] ?? ''),
        );
      }) as typeof snapshot.t;
      return { ready: true, t };
    },
    translation$: ref => base.translation$(ref),
  };
}

describe('eksEncryptionTranslationRef', () => {
  const messages = flatten(eksEncryptionMessages());

  it('is exported from /alpha with the plugin id', () => {
    expect(alphaTranslationRef).toBe(eksEncryptionTranslationRef);
    expect(eksEncryptionTranslationRef.id).toBe('plugin.eks-encryption');
  });

  it('holds only non-empty messages', () => {
    expect(messages.length).toBeGreaterThan(100);
    for (const [key, message] of messages) {
      expect({ key, empty: message.trim() === '' }).toEqual({
        key,
        empty: false,
      });
    }
  });

  it('has every message used by a component', () => {
    const sources = componentSources().join('\n');
    const unused = messages
      .map(([key]) => key.replace(PLURAL_SUFFIX, ''))
      .filter(key => !sources.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });
});

describe('formatters', () => {
  const t = mockApis.translation().getTranslation(eksEncryptionTranslationRef)
    .t as EksTranslate;
  const now = new Date('2025-03-04T12:00:00.000Z');

  it('keeps the English texts', () => {
    const en = createFormatters(t, 'en');
    expect(en.percent(87.4)).toBe('87 %');
    expect(en.percent(null)).toBe('No data');
    expect(en.mttr(0.5)).toBe('Under 1 hour');
    expect(en.mttr(1)).toBe('1 hour');
    expect(en.mttr(30)).toBe('30 hours');
    expect(en.mttr(53)).toBe('2.2 days');
    expect(en.number(12345)).toBe('12,345');
    expect(en.relativeTime('2025-03-04T09:00:00.000Z', now)).toBe(
      '3 hours ago',
    );
    expect(en.relativeTime('2025-03-03T12:00:00.000Z', now)).toBe('yesterday');
    expect(en.relativeTime('2025-03-04T11:59:30.000Z', now)).toBe('just now');
    expect(en.verdict('non-compliant')).toBe('Non-compliant');
    expect(en.checkStatus('not-applicable')).toBe('Not applicable');
    expect(en.severity('critical')).toBe('Critical');
  });

  it("formats numbers and times for the app's language", () => {
    const de = createFormatters(t, 'de');
    expect(de.number(12345)).toBe('12.345');
    expect(de.mttr(53)).toBe('2,2 days');
    expect(de.relativeTime('2025-03-04T09:00:00.000Z', now)).toBe(
      'vor 3 Stunden',
    );
    expect(de.timestamp('2025-03-04T09:00:00.000Z')).toBe(
      new Date('2025-03-04T09:00:00.000Z').toLocaleString('de'),
    );
  });
});

describe('the app language', () => {
  function languageApi(language: string): AppLanguageApi {
    return {
      getAvailableLanguages: () => ({ languages: [language] }),
      setLanguage: () => undefined,
      getLanguage: () => ({ language }),
      language$: () =>
        ({
          subscribe: () => ({ unsubscribe: () => undefined, closed: false }),
        } as unknown as ReturnType<AppLanguageApi['language$']>),
    };
  }

  it('formats times in the language of the app', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[appLanguageApiRef, languageApi('de')]]}>
        <EvaluatedAt
          evaluatedAt={new Date(Date.now() - 3 * 60 * 60 * 1000).toISOString()}
          compact
        />
      </TestApiProvider>,
    );
    expect(screen.getByText('vor 3 Stunden')).toBeInTheDocument();
  });
});

describe('a translated card', () => {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'translated-service',
      annotations: { [EKS_CLUSTER_ARN_ANNOTATION]: PAYMENTS_PROD_ARN },
    },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  };

  it('shows the messages of the translation API', async () => {
    const api = mockEksEncryptionApi();
    api.getEntityScorecard.mockResolvedValue(nonCompliantScorecard);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [eksEncryptionApiRef, api],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
          ],
          [
            translationApiRef,
            translationApiWith({
              'common.title': 'EKS-Secrets-Verschlüsselung',
              'refresh.button': 'Jetzt neu bewerten',
              'verdicts.nonCompliant': 'Nicht konform',
              'cluster.heading': 'Cluster „{{name}}“',
              'common.gradeChipWithScore': 'Note {{grade}} · {{score}}/100',
            }),
          ],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityEksEncryptionCard />
        </EntityProvider>
      </TestApiProvider>,
    );

    expect(
      await screen.findByText('Cluster „payments-staging“'),
    ).toBeInTheDocument();
    expect(screen.getByText('EKS-Secrets-Verschlüsselung')).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Jetzt neu bewerten' }),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Nicht konform').length).toBeGreaterThan(0);
    expect(screen.getByText('Note D · 53/100')).toBeInTheDocument();
    expect(screen.queryByText('Non-compliant')).not.toBeInTheDocument();
  });
});
