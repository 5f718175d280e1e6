import {
  appLanguageApiRef,
  useApiHolder,
  useTranslationRef,
  type TranslationFunction,
} from '@backstage/frontend-plugin-api';
import type {
  CheckStatus,
  EntityVerdict,
  Severity,
} from 'backstage-plugin-eks-encryption-common';
import { useEffect, useMemo, useState } from 'react';
import { eksEncryptionTranslationRef } from '../../translation';

/** The translation function of the plugin's messages. */
export type EksTranslate = TranslationFunction<
  typeof eksEncryptionTranslationRef.T
>;

/** The plugin's messages, translated for the app's language. */
export function useEksTranslation(): { t: EksTranslate } {
  return useTranslationRef(eksEncryptionTranslationRef);
}

/**
 * The app's language (its language API, which both frontend systems
 * provide), following changes; `undefined` without that API, which lets
 * `Intl` use the browser's language.
 */
function useAppLanguage(): string | undefined {
  const languageApi = useApiHolder().get(appLanguageApiRef);
  const [language, setLanguage] = useState(
    () => languageApi?.getLanguage().language,
  );
  useEffect(() => {
    if (!languageApi) return undefined;
    setLanguage(languageApi.getLanguage().language);
    const subscription = languageApi
      .language$()
      .subscribe(next => setLanguage(next.language));
    return () => subscription.unsubscribe();
  }, [languageApi]);
  return language;
}

const HOURS_PER_DAY = 24;

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 24 * 60 * 60 * 1000],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
];

const VERDICT_KEYS = {
  compliant: 'verdicts.compliant',
  'non-compliant': 'verdicts.nonCompliant',
  incomplete: 'verdicts.incomplete',
  error: 'verdicts.error',
  'not-evaluated': 'verdicts.notEvaluated',
} as const satisfies Record<EntityVerdict, string>;

const CHECK_STATUS_KEYS = {
  pass: 'checkStatuses.pass',
  fail: 'checkStatuses.fail',
  warn: 'checkStatuses.warn',
  unknown: 'checkStatuses.unknown',
  'not-applicable': 'checkStatuses.notApplicable',
} as const satisfies Record<CheckStatus, string>;

const SEVERITY_KEYS = {
  critical: 'severities.critical',
  high: 'severities.high',
  medium: 'severities.medium',
  low: 'severities.low',
} as const satisfies Record<Severity, string>;

/** Texts, numbers and times of the plugin, in one language. */
export interface Formatters {
  t: EksTranslate;
  /** "1,234" */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** A share 0–100 as "87 %"; "No data" when there is nothing to divide. */
  percent(percent: number | null): string;
  /** Mean time to resolve: "5 hours", "3.5 days"; "No data" without resolved findings. */
  mttr(hours: number | null): string;
  /** "3 hours ago", relative to `now`. */
  relativeTime(iso: string, now?: Date): string;
  /** An absolute timestamp in the reader's language and time zone. */
  timestamp(iso: string): string;
  /** "Compliant", "Non-compliant", ... */
  verdict(verdict: EntityVerdict): string;
  /** "Pass", "Fail", ... */
  checkStatus(status: CheckStatus): string;
  /** "Critical", "High", ... */
  severity(severity: Severity): string;
}

/** Formatters for `language`; `undefined` uses the browser's language. */
export function createFormatters(
  t: EksTranslate,
  language: string | undefined,
): Formatters {
  // Intl formatters are costly to build and tables format many values: one
  // per set of options, for as long as these formatters live.
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const number = (value: number, options?: Intl.NumberFormatOptions) => {
    const key = JSON.stringify(options ?? {});
    let format = numberFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(language, options);
      numberFormats.set(key, format);
    }
    return format.format(value);
  };
  const relativeFormat = new Intl.RelativeTimeFormat(language, {
    numeric: 'auto',
  });
  // The fields `toLocaleString` shows by default.
  const dateTimeFormat = new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return {
    t,
    number,
    percent: percent =>
      percent === null
        ? t('common.noData')
        : t('common.percent', { value: number(Math.round(percent)) }),
    mttr: hours => {
      if (hours === null) return t('common.noData');
      if (hours < 1) return t('mttr.underOneHour');
      if (hours < 2 * HOURS_PER_DAY) {
        const rounded = Math.round(hours);
        return t('mttr.hours', { count: rounded, hours: number(rounded) });
      }
      const days = Math.round((hours / HOURS_PER_DAY) * 10) / 10;
      return t('mttr.days', {
        days: number(days, { maximumFractionDigits: 1 }),
      });
    },
    relativeTime: (iso, now = new Date()) => {
      const elapsed = new Date(iso).getTime() - now.getTime();
      for (const [unit, ms] of RELATIVE_UNITS) {
        if (Math.abs(elapsed) >= ms) {
          return relativeFormat.format(Math.round(elapsed / ms), unit);
        }
      }
      return t('common.justNow');
    },
    timestamp: iso => dateTimeFormat.format(new Date(iso)),
    verdict: verdict => t(VERDICT_KEYS[verdict]),
    checkStatus: status => t(CHECK_STATUS_KEYS[status]),
    severity: severity => t(SEVERITY_KEYS[severity]),
  };
}

/** The plugin's texts, numbers and times in the app's language. */
export function useFormatters(): Formatters {
  const { t } = useEksTranslation();
  const language = useAppLanguage();
  return useMemo(() => createFormatters(t, language), [t, language]);
}
