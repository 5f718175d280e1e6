import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { RefreshRefused } from '../database/EksEncryptionStore';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { eksEncryptionRefreshPermission } from 'backstage-plugin-eks-encryption-common';
import type { StoredRun } from '../database/EksEncryptionStore';
import type { EvaluationRunner } from './EvaluationRunner';
import type { ReadAccess } from './readAccess';

/** Who is asking, for the per-caller refresh budget. */
function requesterOf(credentials: BackstageCredentials): string {
  const { principal } = credentials as BackstageCredentials<
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string }
    | { type: 'none' }
  >;
  if (principal.type === 'user') return principal.userEntityRef;
  if (principal.type === 'service') return `service:${principal.subject}`;
  return 'anonymous';
}

/** Decides whether a caller may refresh an entity, then starts or joins the refresh. */
export class EntityRefresher {
  constructor(
    private readonly options: {
      permissions: PermissionsService;
      readAccess: ReadAccess;
      runner: Pick<EvaluationRunner, 'startRefresh'>;
    },
  ) {}

  /** The refresh run, or why the budget refused it (the caller answers 429). */
  async refresh(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<StoredRun | RefreshRefused> {
    const { permissions, readAccess, runner } = this.options;
    // Unreadable and unknown look the same, so a refusal never confirms existence.
    if (!(await readAccess.existsForCaller(credentials, entityRef))) {
      throw new NotFoundError(`No entity ${entityRef}`);
    }
    const [decision] = await permissions.authorize(
      [{ permission: eksEncryptionRefreshPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You may not refresh ${entityRef}`);
    }
    const started = await runner.startRefresh(
      entityRef,
      requesterOf(credentials),
    );
    return 'refused' in started ? started : started.run;
  }
}
