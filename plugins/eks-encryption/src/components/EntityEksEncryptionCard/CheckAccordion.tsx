import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
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

/** One check: status, title, severity and summary; details and remediation when expanded. */
export function CheckAccordion(props: {
  check: CheckResult;
  /** Titles and severities of the registered checks. */
  definitions: CheckDefinitions;
  /** Unique among the checks on the page, e.g. derived from the cluster ARN. */
  idPrefix: string;
}) {
  const { check, definitions, idPrefix } = props;
  const id = `${idPrefix}-${check.id}`;
  const formatters = useFormatters();
  const { t, severity } = formatters;
  return (
    <Accordion TransitionProps={{ unmountOnExit: true }}>
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={`${id}-details`}
        id={`${id}-summary`}
      >
        <Box display="flex" flexDirection="column" width="100%">
          <Box display="flex" flexWrap="wrap" alignItems="baseline">
            {/* Wide enough for "Not applicable", so titles line up; the
                margin keeps a gap when a font sets the label wider. */}
            <Box minWidth={136} mr={2}>
              <CheckStatusLabel status={check.status} />
            </Box>
            <Typography variant="body1" component="span">
              <strong>{definitions.title(check.id)}</strong>
            </Typography>
            <Box ml={1}>
              <Typography variant="caption" color="textSecondary">
                {t('checks.severity', {
                  severity: severity(
                    definitions.severity(check.id, check.severity),
                  ),
                })}
              </Typography>
            </Box>
          </Box>
          <Typography variant="body2" color="textSecondary">
            {check.summary}
          </Typography>
          {check.openFinding && (
            <Typography variant="caption" color="textSecondary">
              {openFindingText(check.openFinding, formatters)}
            </Typography>
          )}
        </Box>
      </AccordionSummary>
      <AccordionDetails id={`${id}-details`}>
        <Box width="100%">
          <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }}>
            {check.details}
          </Typography>
          {check.remediation && (
            <RemediationView remediation={check.remediation} />
          )}
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}
