import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { eksEncryptionRefreshPermission } from 'backstage-plugin-eks-encryption-common';
import type { StoredRun } from '../database/EksEncryptionStore';
import type { EvaluationRunner } from './EvaluationRunner';
import type { ReadAccess } from './readAccess';

/** Decides whether a caller may refresh an entity, then starts or joins the refresh. */
export class EntityRefresher {
  constructor(
    private readonly options: {
      permissions: PermissionsService;
      readAccess: ReadAccess;
      runner: Pick<EvaluationRunner, 'startRefresh'>;
    },
  ) {}

  async refresh(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<StoredRun> {
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
    const { run } = await runner.startRefresh(entityRef);
    return run;
  }
}
