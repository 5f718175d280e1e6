import { AnalyticsApi, analyticsApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { eksEncryptionApiRef } from '../../api';
import {
  buildClusterItem,
  compliantCluster,
  errorCluster,
  nonCompliantCluster,
  orgKpis,
  ownerRollups,
  unclaimedKpis,
} from '../../__testUtils__/fixtures';
import { mockEksEncryptionApi } from '../../__testUtils__/mockEksEncryptionApi';
import { EksEncryptionPage } from './EksEncryptionPage';

function pageApi() {
  const api = mockEksEncryptionApi();
  api.getKpis.mockResolvedValue(orgKpis);
  api.listOwners.mockResolvedValue(ownerRollups);
  api.listClusters.mockResolvedValue({
    items: [
      buildClusterItem(nonCompliantCluster),
      buildClusterItem(errorCluster, { owners: [] }),
      buildClusterItem(compliantCluster),
    ],
    totalCount: 45,
  });
  return api;
}

/**
 * Without the unclaimed permission, in every test of this file (`usePermission`
 * caches its answer per file); UnclaimedClusters.test.tsx allows it.
 */
async function renderPage(
  api: ReturnType<typeof mockEksEncryptionApi>,
  analyticsApi: AnalyticsApi = mockApis.analytics(),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [eksEncryptionApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
        [analyticsApiRef, analyticsApi],
      ]}
    >
      <EksEncryptionPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

function kpi(title: string): Element | null {
  return document.querySelector(`section[aria-label="${title}"]`);
}

/** Picks `option` in the select labelled `label`: it opens a listbox. */
async function choose(label: string, option: string) {
  fireEvent.click(screen.getByLabelText(label));
  const listbox = await waitFor(() => {
    const element = document.querySelector('[role="listbox"]');
    expect(element).not.toBeNull();
    return element as HTMLElement;
  });
  fireEvent.click(within(listbox).getByRole('option', { name: option }));
  await waitFor(() =>
    expect(document.querySelector('[role="listbox"]')).toBeNull(),
  );
}

/** The latest request for a first page of clusters (the next is read ahead after it). */
function lastClusterQuery(api: ReturnType<typeof mockEksEncryptionApi>) {
  const firstPages = api.listClusters.mock.calls
    .map(([query]) => query)
    .filter(query => query?.offset === 0);
  return firstPages[firstPages.length - 1];
}

describe('EksEncryptionPage', () => {
  it('shows the org KPIs and the trend in words', async () => {
    const api = pageApi();
    await renderPage(api);

    expect(
      await screen.findByText('Production clusters compliant'),
    ).toBeInTheDocument();
    expect(screen.getByText('88 %')).toBeInTheDocument();
    expect(
      screen.getByText('35 of 40 production clusters; 50 of 64 overall'),
    ).toBeInTheDocument();
    expect(kpi('Open critical findings')).toHaveTextContent(
      /^Open critical findings3Failing critical checks/,
    );
    expect(kpi('Open high findings')).toHaveTextContent(
      /^Open high findings7Failing high checks/,
    );
    expect(screen.getByText('2.2 days')).toBeInTheDocument();
    expect(document.querySelector('figcaption')).toHaveTextContent(
      'Production clusters compliant: 75 % on 2025-03-01, 88 % on 2025-03-03. All clusters: 69 % on 2025-03-01, 78 % on 2025-03-03.',
    );
    expect(api.getKpis).toHaveBeenCalledWith({ days: 90 });
  });

  it('counts unclaimed production clusters among the KPIs when the backend sends them', async () => {
    const api = pageApi();
    api.getKpis.mockResolvedValue({ ...orgKpis, unclaimed: unclaimedKpis });
    await renderPage(api);

    expect(
      await screen.findByText('Unclaimed production clusters: 6 (2 compliant)'),
    ).toBeInTheDocument();
  });

  it('leaves the unclaimed count out for callers the backend gives none', async () => {
    await renderPage(pageApi());
    await screen.findByText('Production clusters compliant');
    expect(
      screen.queryByText(/Unclaimed production clusters/),
    ).not.toBeInTheDocument();
  });

  it('names the day once when the trend holds a single day', async () => {
    const api = pageApi();
    api.getKpis.mockResolvedValue({ ...orgKpis, trend: [orgKpis.trend[2]] });
    await renderPage(api);

    await screen.findByText('Production clusters compliant');
    expect(document.querySelector('figcaption')?.textContent).toBe(
      'Production clusters compliant: 88 % on 2025-03-03. All clusters: 78 % on 2025-03-03.',
    );
  });

  it('lists owners with most open findings first', async () => {
    await renderPage(pageApi());
    await screen.findByText('ledger');
    const heading = screen
      .getAllByText('Owners')
      .find(element => element.tagName === 'H2');
    const owners = heading?.closest('.bui-Card') as HTMLElement;
    const names = Array.from(
      owners.querySelectorAll('tbody tr td:first-child a'),
    ).map(link => link.textContent);
    expect(names).toEqual(['payments', 'ledger']);
    expect(owners).toHaveTextContent('2 of 4');
    expect(owners).toHaveTextContent('Critical 1 · High 2 · Low 1');
    expect(owners).toHaveTextContent('30 hours');
    expect(owners).toHaveTextContent('No data');
  });

  it('lists the first page of clusters with verdicts and owners', async () => {
    const api = pageApi();
    await renderPage(api);
    expect(await screen.findByText('payments-staging')).toBeInTheDocument();
    expect(api.listClusters).toHaveBeenCalledWith({
      limit: 20,
      offset: 0,
    });
    expect(screen.getByText('legacy-batch')).toBeInTheDocument();
    expect(screen.getAllByText('Evaluation error').length).toBeGreaterThan(0);
    expect(
      screen.getByText('payments-staging').closest('tr'),
    ).toHaveTextContent('Critical 1 · High 1');
    expect(screen.getAllByText('1-20 of 45').length).toBeGreaterThan(0);
  });

  it('filters clusters by verdict and owner at once', async () => {
    const api = pageApi();
    await renderPage(api);
    await screen.findByText('payments-staging');

    await choose('Verdict', 'Non-compliant');
    await waitFor(() =>
      expect(lastClusterQuery(api)).toEqual({
        verdict: 'non-compliant',
        limit: 20,
        offset: 0,
      }),
    );

    await choose('Owner', 'group:default/ledger');
    await waitFor(() =>
      expect(lastClusterQuery(api)).toEqual({
        verdict: 'non-compliant',
        owner: 'group:default/ledger',
        limit: 20,
        offset: 0,
      }),
    );
  });

  it('captures each applied filter change as an analytics event', async () => {
    const api = pageApi();
    const analyticsApi = mockApis.analytics.mock();
    await renderPage(api, analyticsApi);
    await screen.findByText('payments-staging');
    const filterEvents = () =>
      analyticsApi.captureEvent.mock.calls
        .map(([event]) => event)
        .filter(event => event.action === 'filter')
        .map(({ subject, attributes }) => ({ subject, attributes }));
    expect(filterEvents()).toEqual([]);

    await choose('Verdict', 'Compliant');
    await waitFor(() =>
      expect(filterEvents()).toEqual([
        { subject: 'verdict', attributes: { value: 'compliant' } },
      ]),
    );

    await choose('Owner', 'group:default/ledger');
    fireEvent.change(screen.getByLabelText('Search clusters'), {
      target: { value: 'pay' },
    });
    fireEvent.change(screen.getByLabelText('Search clusters'), {
      target: { value: 'payments' },
    });
    fireEvent.change(screen.getByLabelText('Account'), {
      target: { value: '111122223333' },
    });
    fireEvent.change(screen.getByLabelText('Region'), {
      target: { value: 'eu-west-1' },
    });
    fireEvent.change(screen.getByLabelText('Environment'), {
      target: { value: 'production' },
    });
    // Typed text counts once typing pauses, not once per key.
    await waitFor(() => expect(filterEvents()).toHaveLength(6));
    expect(filterEvents()).toEqual(
      expect.arrayContaining([
        { subject: 'owner', attributes: { value: 'group:default/ledger' } },
        { subject: 'search', attributes: { value: 'payments' } },
        { subject: 'accountId', attributes: { value: '111122223333' } },
        { subject: 'region', attributes: { value: 'eu-west-1' } },
        { subject: 'environment', attributes: { value: 'production' } },
      ]),
    );

    await choose('Verdict', 'Any');
    await waitFor(() =>
      expect(filterEvents()[filterEvents().length - 1]).toEqual({
        subject: 'verdict',
        attributes: { value: '' },
      }),
    );
  });

  it('searches and filters by account, region and environment once typing pauses', async () => {
    const api = pageApi();
    await renderPage(api);
    await screen.findByText('payments-staging');

    fireEvent.change(screen.getByLabelText('Search clusters'), {
      target: { value: 'payments' },
    });
    fireEvent.change(screen.getByLabelText('Region'), {
      target: { value: 'eu-west-1' },
    });
    fireEvent.change(screen.getByLabelText('Environment'), {
      target: { value: 'production' },
    });
    await waitFor(() =>
      expect(lastClusterQuery(api)).toEqual({
        search: 'payments',
        region: 'eu-west-1',
        environment: 'production',
        limit: 20,
        offset: 0,
      }),
    );
  });

  it('does not send an account id until it has 12 digits', async () => {
    const api = pageApi();
    await renderPage(api);
    await screen.findByText('payments-staging');

    fireEvent.change(screen.getByLabelText('Account'), {
      target: { value: '1111' },
    });
    expect(await screen.findByText('12 digits')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Search clusters'), {
      target: { value: 'ledger' },
    });
    await waitFor(() =>
      expect(lastClusterQuery(api)).toEqual({
        search: 'ledger',
        limit: 20,
        offset: 0,
      }),
    );

    fireEvent.change(screen.getByLabelText('Account'), {
      target: { value: '111122223333' },
    });
    await waitFor(() =>
      expect(lastClusterQuery(api)).toEqual({
        search: 'ledger',
        accountId: '111122223333',
        limit: 20,
        offset: 0,
      }),
    );
    expect(screen.queryByText('12 digits')).not.toBeInTheDocument();
  });

  it('asks the backend for the next page, and reads the one after ahead', async () => {
    const api = pageApi();
    await renderPage(api);
    await screen.findByText('payments-staging');
    // The second page is read while the first is looked at.
    await waitFor(() =>
      expect(api.listClusters).toHaveBeenCalledWith({ limit: 20, offset: 20 }),
    );

    fireEvent.click(
      screen.getAllByRole('button', { name: 'Next table page' })[0],
    );
    expect((await screen.findAllByText('21-40 of 45')).length).toBeGreaterThan(
      0,
    );
    await waitFor(() =>
      expect(api.listClusters).toHaveBeenCalledWith({ limit: 20, offset: 40 }),
    );
  });

  it('hides the unclaimed clusters, and never asks discovery, without the permission', async () => {
    const api = pageApi();
    await renderPage(api);

    await screen.findByText('payments-staging');
    expect(screen.queryByText('Unclaimed clusters')).not.toBeInTheDocument();
    expect(api.getDiscovery).not.toHaveBeenCalled();
  });

  it('shows errors of the KPIs and of the clusters', async () => {
    const api = pageApi();
    api.getKpis.mockRejectedValue(new Error('kpis unavailable'));
    api.listClusters.mockRejectedValue(new Error('clusters unavailable'));
    await renderPage(api);
    expect(
      (await screen.findAllByText(/kpis unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(
      (await screen.findAllByText(/clusters unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
