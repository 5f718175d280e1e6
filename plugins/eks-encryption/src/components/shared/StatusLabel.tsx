import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type {
  CheckStatus,
  EntityVerdict,
} from 'backstage-plugin-eks-encryption-common';
import type { ComponentType, PropsWithChildren } from 'react';

type StatusComponent = ComponentType<PropsWithChildren<{}>>;

interface StatusPresentation {
  label: string;
  Icon: StatusComponent;
}

const VERDICTS: Record<EntityVerdict, StatusPresentation> = {
  compliant: { label: 'Compliant', Icon: StatusOK },
  'non-compliant': { label: 'Non-compliant', Icon: StatusError },
  incomplete: { label: 'Incomplete', Icon: StatusWarning },
  error: { label: 'Evaluation error', Icon: StatusAborted },
  'not-evaluated': { label: 'Not evaluated', Icon: StatusPending },
};

const CHECK_STATUSES: Record<CheckStatus, StatusPresentation> = {
  pass: { label: 'Pass', Icon: StatusOK },
  fail: { label: 'Fail', Icon: StatusError },
  warn: { label: 'Warning', Icon: StatusWarning },
  unknown: { label: 'Unknown', Icon: StatusPending },
  'not-applicable': { label: 'Not applicable', Icon: StatusAborted },
};

/** The text shown for a verdict. */
export function verdictLabel(verdict: EntityVerdict): string {
  return VERDICTS[verdict].label;
}

/** The text shown for a check status. */
export function checkStatusLabel(status: CheckStatus): string {
  return CHECK_STATUSES[status].label;
}

/**
 * A coloured status icon followed by its text. The Backstage status
 * components hide themselves from assistive technology by default; here the
 * text carries the meaning, so the wrapper stays visible and the icon alone
 * is decorative.
 */
function StatusText(props: StatusPresentation) {
  const { Icon, label } = props;
  return (
    // Labels such as "Non-compliant" must not wrap inside narrow table cells.
    <span style={{ whiteSpace: 'nowrap' }}>
      <Icon aria-hidden={false} aria-label={undefined}>
        {label}
      </Icon>
    </span>
  );
}

/** Icon and label of an entity or cluster verdict. */
export function VerdictLabel(props: { verdict: EntityVerdict }) {
  return <StatusText {...VERDICTS[props.verdict]} />;
}

/** Icon and label of a check status. */
export function CheckStatusLabel(props: { status: CheckStatus }) {
  return <StatusText {...CHECK_STATUSES[props.status]} />;
}
