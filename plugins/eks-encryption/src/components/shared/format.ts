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
import {
  createContext,
  createElement,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { eksEncryptionTranslationRef } from '../../translation';

/** The translation function of the plugin's messages. */
export type EksTranslate = TranslationFunction<
  typeof eksEncryptionTranslationRef.T
>;

/** The plugin's messages, translated for the app's language. */
export function useEksTranslation(): { t: EksTranslate } {
  return { t: useFormatters().t };
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

/** The Intl formatters of one language. */
interface IntlFormats {
  number(options?: Intl.NumberFormatOptions): Intl.NumberFormat;
  relative: Intl.RelativeTimeFormat;
  dateTime: Intl.DateTimeFormat;
}

function createIntlFormats(language: string | undefined): IntlFormats {
  const numberFormats = new Map<string, Intl.NumberFormat>();
  return {
    number: options => {
      const key = options ? JSON.stringify(options) : '';
      let format = numberFormats.get(key);
      if (!format) {
        format = new Intl.NumberFormat(language, options);
        numberFormats.set(key, format);
      }
      return format;
    },
    relative: new Intl.RelativeTimeFormat(language, { numeric: 'auto' }),
    // The fields `toLocaleString` shows by default.
    dateTime: new Intl.DateTimeFormat(language, {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }),
  };
}

// Intl formatters are costly to build and tables format many values: one set
// per language (and per set of number options) for the whole app.
const intlFormatsByLanguage = new Map<string, IntlFormats>();

function intlFormats(language: string | undefined): IntlFormats {
  const key = language ?? '';
  let formats = intlFormatsByLanguage.get(key);
  if (!formats) {
    formats = createIntlFormats(language);
    intlFormatsByLanguage.set(key, formats);
  }
  return formats;
}

/** Formatters for `language`; `undefined` uses the browser's language. */
export function createFormatters(
  t: EksTranslate,
  language: string | undefined,
): Formatters {
  const intl = intlFormats(language);
  const number = (value: number, options?: Intl.NumberFormatOptions) =>
    intl.number(options).format(value);
  const relativeFormat = intl.relative;
  const dateTimeFormat = intl.dateTime;
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

/** Formatters of a card or page, shared by everything inside it. */
const FormattersContext = createContext<Formatters | undefined>(undefined);

function useOwnFormatters(): Formatters {
  const { t } = useTranslationRef(eksEncryptionTranslationRef);
  const language = useAppLanguage();
  return useMemo(() => createFormatters(t, language), [t, language]);
}

/**
 * The plugin's texts, numbers and times in the app's language: those of the
 * enclosing `FormattersProvider`, or a component's own outside one.
 */
export function useFormatters(): Formatters {
  const shared = useContext(FormattersContext);
  // A component is inside a provider for all of its life or never (the
  // provider always has a value), so it calls the same hooks on every render.
  // eslint-disable-next-line react-hooks/rules-of-hooks
  return shared ?? useOwnFormatters();
}

/**
 * Shares one set of formatters with every component inside: a table cell
 * then neither subscribes to translations and the app's language itself nor
 * builds formatters of its own, which a page of rows did hundreds of times.
 */
export function FormattersProvider(props: { children: ReactNode }) {
  return createElement(
    FormattersContext.Provider,
    { value: useFormatters() },
    props.children,
  );
}
