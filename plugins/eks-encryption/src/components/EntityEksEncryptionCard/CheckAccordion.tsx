import {
  Accordion,
  AccordionPanel,
  AccordionTrigger,
  Text,
} from '@backstage/ui';
import { useState } from 'react';
import type { CheckResult } from '../../api';
import { CheckStatusLabel } from '../shared/StatusLabel';
import { Formatters, useFormatters } from '../shared/format';
import { RemediationView } from './RemediationView';
import type { CheckDefinitions } from './useCheckDefinitions';

/** "Open finding since …; unverified since …": what an unknown did not change. */
function openFindingText(
  finding: NonNullable<CheckResult['openFinding']>,
  { t, timestamp }: Formatters,
) {
  const opened = t('checks.openFindingSince', {
    time: timestamp(finding.openedAt),
  });
  return finding.unverifiedSince
    ? t('checks.unverifiedSince', {
        openFinding: opened,
        time: timestamp(finding.unverifiedSince),
      })
    : opened;
}

/** Lines of the trigger: it is a button, so spans laid out as blocks. */
const BLOCK = { display: 'block', overflowWrap: 'anywhere' } as const;

/** One check: status, title, severity and summary; details and remediation when expanded. */
export function CheckAccordion(props: {
  check: CheckResult;
  /** Titles and severities of the registered checks. */
  definitions: CheckDefinitions;
  /** Unique among the checks on the page, e.g. derived from the cluster ARN. */
  idPrefix: string;
}) {
  const { check, definitions, idPrefix } = props;
  const formatters = useFormatters();
  const { t, severity } = formatters;
  // The panel's content mounts only while open: a card lists many checks.
  const [expanded, setExpanded] = useState(false);
  return (
    <Accordion
      id={`${idPrefix}-${check.id}`}
      isExpanded={expanded}
      onExpandedChange={setExpanded}
    >
      {/* Level 5: below the card title (3) and the cluster heading (4). */}
      <AccordionTrigger level={5}>
        <span style={{ flex: 1, minWidth: 0 }}>
          <span
            style={{
              display: 'flex',
              flexWrap: 'wrap',
              alignItems: 'baseline',
              columnGap: 'var(--bui-space-3)',
            }}
          >
            {/* Wide enough for "Not applicable", so titles line up. */}
            <span style={{ minWidth: '8.5rem' }}>
              <CheckStatusLabel status={check.status} />
            </span>
            <Text
              as="strong"
              weight="bold"
              style={{ overflowWrap: 'anywhere' }}
            >
              {definitions.title(check.id)}
            </Text>
            <Text as="span" variant="body-small">
              {t('checks.severity', {
                severity: severity(
                  definitions.severity(check.id, check.severity),
                ),
              })}
            </Text>
          </span>
          <Text as="span" variant="body-small" style={BLOCK}>
            {check.summary}
          </Text>
          {check.openFinding && (
            <Text as="span" variant="body-small" style={BLOCK}>
              {openFindingText(check.openFinding, formatters)}
            </Text>
          )}
        </span>
      </AccordionTrigger>
      <AccordionPanel>
        {expanded && (
          <>
            <Text
              as="p"
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            >
              {check.details}
            </Text>
            {check.remediation && (
              <RemediationView remediation={check.remediation} />
            )}
          </>
        )}
      </AccordionPanel>
    </Accordion>
  );
}
