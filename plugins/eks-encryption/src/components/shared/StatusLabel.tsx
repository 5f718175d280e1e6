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
import { useFormatters } from './format';

type StatusComponent = ComponentType<PropsWithChildren<{}>>;

interface StatusPresentation {
  label: string;
  Icon: StatusComponent;
}

const VERDICT_ICONS: Record<EntityVerdict, StatusComponent> = {
  compliant: StatusOK,
  'non-compliant': StatusError,
  incomplete: StatusWarning,
  error: StatusAborted,
  'not-evaluated': StatusPending,
};

const CHECK_STATUS_ICONS: Record<CheckStatus, StatusComponent> = {
  pass: StatusOK,
  fail: StatusError,
  warn: StatusWarning,
  unknown: StatusPending,
  'not-applicable': StatusAborted,
};

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
  const { verdict } = useFormatters();
  return (
    <StatusText
      Icon={VERDICT_ICONS[props.verdict]}
      label={verdict(props.verdict)}
    />
  );
}

/** Icon and label of a check status. */
export function CheckStatusLabel(props: { status: CheckStatus }) {
  const { checkStatus } = useFormatters();
  return (
    <StatusText
      Icon={CHECK_STATUS_ICONS[props.status]}
      label={checkStatus(props.status)}
    />
  );
}
