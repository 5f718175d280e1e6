import { Entity, RELATION_DEPENDS_ON } from '@backstage/catalog-model';
import { AnalyticsApi, analyticsApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { EKS_CLUSTER_ARN_ANNOTATION } from 'backstage-plugin-eks-encryption-common';
import { eksEncryptionApiRef, type CheckResult } from '../../api';
import { REFRESH_POLL_INTERVAL_MS } from './useRefreshRun';
import {
  ENTITY_REF,
  PAYMENTS_PROD_ARN,
  PAYMENTS_STAGING_ARN,
  PROD_KEY_ARN,
  buildRun,
  buildScorecard,
  checkDefinitions,
  compliantCluster,
  compliantScorecard,
  errorScorecard,
  incompleteScorecard,
  nonCompliantScorecard,
  notEvaluatedScorecard,
  staleCluster,
} from '../../__testUtils__/fixtures';
import { mockEksEncryptionApi } from '../../__testUtils__/mockEksEncryptionApi';
import { EntityEksEncryptionCard } from './EntityEksEncryptionCard';

const annotatedEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: {
      [EKS_CLUSTER_ARN_ANNOTATION]: `${PAYMENTS_PROD_ARN}, ${PAYMENTS_STAGING_ARN}`,
    },
  },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

/**
 * `usePermission` caches answers per resource ref for the whole test file, so
 * each permission test uses an entity of its own.
 */
function annotatedEntityNamed(name: string): Entity {
  return {
    ...annotatedEntity,
    metadata: { ...annotatedEntity.metadata, name },
  };
}

const plainEntity: Entity = {
  ...annotatedEntity,
  metadata: { name: 'payments-api' },
};

async function renderCard(options: {
  api: ReturnType<typeof mockEksEncryptionApi>;
  entity?: Entity;
  refreshAllowed?: boolean;
  analyticsApi?: AnalyticsApi;
}) {
  const {
    api,
    entity = annotatedEntity,
    refreshAllowed = false,
    analyticsApi = mockApis.analytics(),
  } = options;
  const permissionApi = mockApis.permission({
    authorize: refreshAllowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [eksEncryptionApiRef, api],
        [permissionApiRef, permissionApi],
        [analyticsApiRef, analyticsApi],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityEksEncryptionCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

function apiReturning(
  scorecard: ReturnType<typeof buildScorecard> | undefined,
) {
  const api = mockEksEncryptionApi();
  api.getEntityScorecard.mockResolvedValue(scorecard);
  return api;
}

/** The section of one cluster, found by its heading. */
async function clusterSection(heading: string): Promise<HTMLElement> {
  const section = (await screen.findByText(heading)).closest('section');
  if (!section) throw new Error(`No section for ${heading}`);
  expect(section).toHaveAttribute(
    'aria-labelledby',
    screen.getByText(heading).id,
  );
  return section;
}

function customCheckResult(id: string, severity: CheckResult['severity']) {
  const result: CheckResult = {
    id,
    severity,
    status: 'pass',
    summary: `${id} passed`,
    details: '',
  };
  return result;
}

describe('EntityEksEncryptionCard', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('shows progress while the scorecard loads', async () => {
    const api = mockEksEncryptionApi();
    api.getEntityScorecard.mockReturnValue(new Promise(() => {}));
    await renderCard({ api });
    expect(screen.getByRole('status')).toHaveTextContent(
      'Loading the scorecard…',
    );
    expect(api.getEntityScorecard).toHaveBeenCalledWith(ENTITY_REF);
  });

  it('shows the API error', async () => {
    const api = mockEksEncryptionApi();
    api.getEntityScorecard.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'Error', message: 'database unavailable' },
            response: { statusCode: 500 },
          }),
          { status: 500, headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    );
    await renderCard({ api });
    expect(
      (await screen.findAllByText(/database unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Cluster payments-prod')).not.toBeInTheDocument();
  });

  it('names the annotation when the entity is not linked to any cluster', async () => {
    const api = mockEksEncryptionApi();
    await renderCard({ api, entity: plainEntity });
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(EKS_CLUSTER_ARN_ANNOTATION, { exact: false }).length,
    ).toBeGreaterThan(0);
    expect(api.getEntityScorecard).not.toHaveBeenCalled();
  });

  it('asks the API for an entity linked only through a dependsOn Resource', async () => {
    const api = apiReturning(compliantScorecard);
    await renderCard({
      api,
      entity: {
        ...plainEntity,
        relations: [
          {
            type: RELATION_DEPENDS_ON,
            targetRef: 'resource:default/payments-prod-cluster',
          },
        ],
      },
    });
    expect(
      await screen.findByText('Cluster payments-prod'),
    ).toBeInTheDocument();
    expect(api.getEntityScorecard).toHaveBeenCalledWith(ENTITY_REF);
  });

  it('shows "not evaluated yet" when the backend has no scorecard', async () => {
    await renderCard({ api: apiReturning(undefined) });
    expect(await screen.findByText('Not evaluated yet')).toBeInTheDocument();
  });

  it('lists annotation errors with the bad token and the reason', async () => {
    await renderCard({
      api: apiReturning(
        buildScorecard({
          annotationErrors: [
            {
              token: 'arn:aws:eks:eu-west-1:1234:cluster/short-account',
              reason: 'The account id must have 12 digits.',
            },
          ],
        }),
      ),
    });
    expect(
      await screen.findByText(
        `Error: The ${EKS_CLUSTER_ARN_ANNOTATION} annotation has an invalid value`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('arn:aws:eks:eu-west-1:1234:cluster/short-account'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/The account id must have 12 digits\./),
    ).toBeInTheDocument();
  });

  it('shows a compliant scorecard with cluster facts and every check labelled', async () => {
    await renderCard({ api: apiReturning(compliantScorecard) });
    expect(
      await screen.findByText('Cluster payments-prod'),
    ).toBeInTheDocument();
    const cluster = await clusterSection('Cluster payments-prod');
    expect(within(cluster).getByText('111122223333')).toBeInTheDocument();
    expect(within(cluster).getByText('eu-west-1')).toBeInTheDocument();
    expect(within(cluster).getByText('1.30')).toBeInTheDocument();
    expect(within(cluster).getByText('production')).toBeInTheDocument();
    expect(
      within(cluster).getByText(new RegExp(PROD_KEY_ARN)),
    ).toBeInTheDocument();
    expect(within(cluster).getAllByText('Pass')).toHaveLength(8);
    expect(within(cluster).getByText('Not applicable')).toBeInTheDocument();
    expect(screen.getAllByText('Compliant').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Grade A · 100/100').length).toBe(2);
    expect(screen.queryByText('Stale')).not.toBeInTheDocument();
  });

  it('names the other entities linking a cluster, such as Resources naming the same ARN', async () => {
    const [cluster] = compliantScorecard.clusters;
    await renderCard({
      api: apiReturning({
        ...compliantScorecard,
        clusters: [
          {
            ...cluster,
            alsoLinkedBy: [
              'component:default/checkout',
              'resource:default/payments-prod-cluster',
            ],
          },
        ],
      }),
    });
    const section = await clusterSection('Cluster payments-prod');
    expect(
      within(section).getByText(/Also linked by 2 other entities/),
    ).toBeInTheDocument();
    expect(
      within(section).getByRole('link', { name: /payments-prod-cluster/ }),
    ).toBeInTheDocument();
    expect(
      within(section).getByRole('link', { name: /checkout/ }),
    ).toBeInTheDocument();
  });

  it('shows a non-compliant scorecard and the remediation of a failing check', async () => {
    await renderCard({ api: apiReturning(nonCompliantScorecard) });
    const staging = await clusterSection('Cluster payments-staging');
    expect(within(staging).getByText('Non-compliant')).toBeInTheDocument();
    expect(screen.getByText('Grade D · 53/100')).toBeInTheDocument();
    expect(screen.getAllByText('Non-compliant')).toHaveLength(2);
    expect(within(staging).getAllByText('Fail')).toHaveLength(2);
    expect(
      within(staging).getByText('Secrets are not envelope-encrypted', {
        exact: false,
      }),
    ).toBeInTheDocument();

    fireEvent.click(
      within(staging).getByRole('button', {
        name: /Secrets envelope encryption/,
      }),
    );
    expect(await within(staging).findByText('How to fix')).toBeInTheDocument();
    for (const title of ['AWS CLI', 'Terraform', 'eksctl', 'kubectl']) {
      expect(
        within(staging).getByRole('button', { name: `Copy ${title} snippet` }),
      ).toBeInTheDocument();
    }
    expect(
      within(staging).getByText(/Rewrite every existing Secret/),
    ).toBeInTheDocument();
  });

  it('captures copying a remediation snippet as an analytics event', async () => {
    // jsdom cannot copy: the clipboard library falls back to a prompt.
    const prompt = jest.spyOn(window, 'prompt').mockReturnValue(null);
    const analyticsApi = mockApis.analytics.mock();
    await renderCard({
      api: apiReturning(nonCompliantScorecard),
      analyticsApi,
    });
    const staging = await clusterSection('Cluster payments-staging');
    fireEvent.click(
      within(staging).getByRole('button', {
        name: /Secrets envelope encryption/,
      }),
    );
    fireEvent.click(
      await within(staging).findByRole('button', {
        name: 'Copy AWS CLI snippet',
      }),
    );
    expect(analyticsApi.captureEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        action: 'copy',
        subject: 'AWS CLI',
        attributes: { language: 'shell' },
      }),
    );
    prompt.mockRestore();
  });

  it('takes check titles, severities and order from the API, custom checks included', async () => {
    const api = apiReturning(
      buildScorecard({
        clusters: [
          {
            ...compliantCluster,
            checks: [
              customCheckResult('unlisted-check', 'low'),
              ...compliantCluster.checks,
              customCheckResult('data-classification', 'low'),
            ],
          },
        ],
      }),
    );
    api.listChecks.mockResolvedValue([
      {
        id: 'data-classification',
        title: 'Data classification tag',
        severity: 'high',
        description: 'The cluster carries a data-classification tag.',
      },
      ...checkDefinitions,
    ]);
    await renderCard({ api });
    const cluster = await clusterSection('Cluster payments-prod');
    const custom = await within(cluster).findByRole('button', {
      name: /Data classification tag/,
    });
    expect(custom).toHaveTextContent('Severity: High');

    const titles = within(cluster)
      .getAllByRole('button', { name: /Severity:/ })
      .map(button => button.querySelector('strong')?.textContent);
    // The API's order; a check it does not list shows its id, last.
    expect(titles).toEqual([
      'Data classification tag',
      ...compliantCluster.checks.map(
        check => checkDefinitions.find(d => d.id === check.id)?.title,
      ),
      'unlisted-check',
    ]);
    expect(api.listChecks).toHaveBeenCalledTimes(1);
  });

  it('shows check ids when the checks cannot be read', async () => {
    const api = apiReturning(compliantScorecard);
    api.listChecks.mockRejectedValue(new Error('checks unavailable'));
    await renderCard({ api });
    const cluster = await clusterSection('Cluster payments-prod');
    expect(
      within(cluster).getByRole('button', { name: /envelope-encryption/ }),
    ).toBeInTheDocument();
    expect(
      within(cluster).queryByText('Secrets envelope encryption'),
    ).not.toBeInTheDocument();
  });

  it('shows an incomplete scorecard naming the denied permission', async () => {
    await renderCard({ api: apiReturning(incompleteScorecard) });
    expect((await screen.findAllByText('Incomplete')).length).toBeGreaterThan(
      0,
    );
    expect(screen.getByText('Unknown')).toBeInTheDocument();
    expect(
      screen.getByText('kms:GetKeyPolicy denied in account 111122223333'),
    ).toBeInTheDocument();
  });

  it('shows an error verdict, the read error and the stale badge', async () => {
    await renderCard({ api: apiReturning(errorScorecard) });
    expect(
      (await screen.findAllByText('Evaluation error')).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByText(
        'Could not read the cluster: eks:DescribeCluster denied in account 111122223333',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Stale')).toHaveLength(2);
  });

  it('says why evidence is stale and keeps an unverified finding open', async () => {
    await renderCard({
      api: apiReturning(
        buildScorecard({
          verdict: 'incomplete',
          stale: true,
          clusters: [staleCluster],
        }),
      ),
    });
    expect(
      await screen.findByText(
        /Counted as incomplete: the last evidence said non-compliant/,
      ),
    ).toHaveTextContent('older than the 3 h limit');
    expect(
      screen.getByText(/^Open finding since .*; unverified since .*stays open/),
    ).toBeInTheDocument();
  });

  it('shows a not-evaluated verdict without a grade', async () => {
    await renderCard({ api: apiReturning(notEvaluatedScorecard) });
    expect(await screen.findByText('Not evaluated')).toBeInTheDocument();
    expect(screen.getByText('Never evaluated')).toBeInTheDocument();
    expect(screen.queryByText(/^Grade/)).not.toBeInTheDocument();
    expect(
      screen.getByText('No EKS cluster is linked to this entity.'),
    ).toBeInTheDocument();
  });

  it('hides the refresh button without the refresh permission', async () => {
    await renderCard({
      api: apiReturning(notEvaluatedScorecard),
      entity: annotatedEntityNamed('denied-service'),
    });
    await screen.findByText('Not evaluated');
    expect(
      screen.queryByRole('button', { name: 'Re-evaluate now' }),
    ).not.toBeInTheDocument();
  });

  it('asks for the refresh permission on this entity', async () => {
    const api = apiReturning(notEvaluatedScorecard);
    const authorize = jest.fn(
      (): AuthorizeResult.ALLOW => AuthorizeResult.ALLOW,
    );
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [eksEncryptionApiRef, api],
          [permissionApiRef, mockApis.permission({ authorize })],
        ]}
      >
        <EntityProvider entity={annotatedEntityNamed('allowed-service')}>
          <EntityEksEncryptionCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByRole('button', { name: 'Re-evaluate now' }),
    ).toBeInTheDocument();
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'eks-encryption.refresh' }),
        resourceRef: 'component:default/allowed-service',
      }),
    );
  });

  it('re-evaluates, shows progress while the run works, then reloads', async () => {
    const api = apiReturning(notEvaluatedScorecard);
    api.refresh.mockResolvedValue(buildRun({ clustersDone: 0 }));
    api.getRun
      .mockResolvedValueOnce(buildRun({ clustersDone: 1 }))
      .mockResolvedValueOnce(
        buildRun({
          status: 'succeeded',
          clustersDone: 2,
          finishedAt: '2025-03-04T09:00:05.000Z',
        }),
      );
    await renderCard({
      api,
      entity: annotatedEntityNamed('refreshed-service'),
      refreshAllowed: true,
    });
    const button = await screen.findByRole('button', {
      name: 'Re-evaluate now',
    });
    api.getEntityScorecard.mockResolvedValue(compliantScorecard);
    jest.useFakeTimers();

    fireEvent.click(button);

    expect(
      await screen.findByText('Re-evaluating: 0 of 2 clusters done'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Re-evaluating…' }),
    ).toBeDisabled();
    expect(api.refresh).toHaveBeenCalledWith(
      'component:default/refreshed-service',
    );
    expect(api.getRun).not.toHaveBeenCalled();

    await act(() => jest.advanceTimersByTimeAsync(REFRESH_POLL_INTERVAL_MS));
    expect(
      await screen.findByText('Re-evaluating: 1 of 2 clusters done'),
    ).toBeInTheDocument();
    expect(api.getEntityScorecard).toHaveBeenCalledTimes(1);

    await act(() => jest.advanceTimersByTimeAsync(REFRESH_POLL_INTERVAL_MS));
    await waitFor(() =>
      expect(screen.queryByText(/Re-evaluating:/)).not.toBeInTheDocument(),
    );
    expect(api.getRun).toHaveBeenCalledTimes(2);
    expect(api.getRun).toHaveBeenCalledWith('run-42');
    expect(api.getEntityScorecard).toHaveBeenCalledTimes(2);
    expect(
      await screen.findByText('Cluster payments-prod'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Re-evaluate now' }),
    ).toBeEnabled();
  });

  it('captures the refresh button as an analytics event', async () => {
    const api = apiReturning(notEvaluatedScorecard);
    api.refresh.mockResolvedValue(buildRun({ status: 'succeeded' }));
    const analyticsApi = mockApis.analytics.mock();
    await renderCard({
      api,
      entity: annotatedEntityNamed('tracked-service'),
      refreshAllowed: true,
      analyticsApi,
    });
    expect(analyticsApi.captureEvent).not.toHaveBeenCalledWith(
      expect.objectContaining({ subject: 'refresh' }),
    );

    fireEvent.click(
      await screen.findByRole('button', { name: 'Re-evaluate now' }),
    );

    expect(analyticsApi.captureEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        action: 'click',
        subject: 'refresh',
        attributes: { entityRef: 'component:default/tracked-service' },
      }),
    );
    await waitFor(() =>
      expect(api.getEntityScorecard).toHaveBeenCalledTimes(2),
    );
  });

  it('reports a run that failed', async () => {
    const api = apiReturning(notEvaluatedScorecard);
    api.refresh.mockResolvedValue(
      buildRun({ status: 'failed', error: 'Run timed out after 10 minutes' }),
    );
    await renderCard({
      api,
      entity: annotatedEntityNamed('failing-service'),
      refreshAllowed: true,
    });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Re-evaluate now' }),
    );
    expect(
      await screen.findByText('Run timed out after 10 minutes'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Re-evaluation failed/)).toBeInTheDocument();
  });
});
