import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import type { Discovery } from '../../api';
import { eksEncryptionApiRef } from '../../api';
import {
  PROD_ACCOUNT,
  STAGING_ACCOUNT,
  orgKpis,
  unclaimedDiscovery,
  unclaimedKpis,
} from '../../__testUtils__/fixtures';
import { mockEksEncryptionApi } from '../../__testUtils__/mockEksEncryptionApi';
import { EksEncryptionPage } from './EksEncryptionPage';

function pageApi(discovery: Discovery = unclaimedDiscovery) {
  const api = mockEksEncryptionApi();
  api.getKpis.mockResolvedValue({ ...orgKpis, unclaimed: unclaimedKpis });
  api.listOwners.mockResolvedValue([]);
  api.listClusters.mockResolvedValue({ items: [], totalCount: 0 });
  api.getDiscovery.mockResolvedValue(discovery);
  return api;
}

/**
 * With the unclaimed permission. Every test here allows it: `usePermission`
 * caches an answer per permission for the whole test file, so the view
 * hidden without it is tested in EksEncryptionPage.test.tsx, which denies it.
 */
async function renderPage(api: ReturnType<typeof mockEksEncryptionApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [eksEncryptionApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
      ]}
    >
      <EksEncryptionPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/**
 * The card of the view, found by its heading; by text, as a role query is
 * slow on this page, and waiting for the permission and the page to settle.
 */
async function unclaimedCard(): Promise<HTMLElement> {
  const heading = await screen.findByText(
    'Unclaimed clusters',
    { selector: 'h2' },
    { timeout: 5000 },
  );
  return heading.closest('.bui-Card') as HTMLElement;
}

function row(card: HTMLElement, cluster: string): HTMLElement {
  return within(card).getByText(cluster).closest('tr') as HTMLElement;
}

function clusterNames(card: HTMLElement): (string | null)[] {
  // The name is the bold line of the first cell; where it runs follows it.
  return Array.from(
    card.querySelectorAll('tbody tr td:first-child [data-weight="bold"]'),
  ).map(cell => cell.textContent);
}

describe('Unclaimed clusters on the org page', () => {
  it('lists the unclaimed clusters, worst verdict first, with owner, verdict, grade and dates', async () => {
    const api = pageApi();
    await renderPage(api);
    const card = await unclaimedCard();
    await within(card).findByText('shadow-prod');

    expect(api.getDiscovery).toHaveBeenCalledWith({ claimed: false });
    expect(clusterNames(card)).toEqual([
      'shadow-prod',
      'forgotten-poc',
      'analytics-sandbox',
    ]);

    const shadow = row(card, 'shadow-prod');
    expect(shadow).toHaveTextContent(PROD_ACCOUNT);
    expect(shadow).toHaveTextContent('eu-west-1');
    expect(shadow).toHaveTextContent('production');
    expect(
      within(shadow).getByRole('link', { name: 'payments' }),
    ).toBeVisible();
    // The verdict is said in words, not by colour alone.
    expect(within(shadow).getByText('Non-compliant')).toBeVisible();
    expect(shadow).toHaveTextContent('F (40/100)');
    expect(shadow.querySelectorAll('time')).toHaveLength(2);

    const sandbox = row(card, 'analytics-sandbox');
    expect(sandbox).toHaveTextContent(STAGING_ACCOUNT);
    expect(sandbox).toHaveTextContent('data-science');
    expect(within(sandbox).getByText('Compliant')).toBeVisible();
    expect(sandbox).toHaveTextContent('A (95/100)');

    const poc = row(card, 'forgotten-poc');
    expect(poc).toHaveTextContent('unowned');
    expect(poc).toHaveTextContent('Not tagged');
    expect(within(poc).getByText('Not evaluated')).toBeVisible();
    expect(poc).toHaveTextContent('Never');
  });

  it('sorts by a column when its header is pressed', async () => {
    await renderPage(pageApi());
    const card = await unclaimedCard();
    await within(card).findByText('shadow-prod');

    fireEvent.click(within(card).getByText('Cluster'));
    expect(clusterNames(card)).toEqual([
      'analytics-sandbox',
      'forgotten-poc',
      'shadow-prod',
    ]);

    fireEvent.click(within(card).getByText('Cluster'));
    expect(clusterNames(card)).toEqual([
      'shadow-prod',
      'forgotten-poc',
      'analytics-sandbox',
    ]);
  });

  it('counts the unclaimed production clusters and names each incomplete listing', async () => {
    await renderPage(pageApi());
    const card = await unclaimedCard();

    expect(
      await within(card).findByText(
        '6 unclaimed production clusters, 2 compliant',
      ),
    ).toBeInTheDocument();
    expect(
      within(card).getByText(
        `discovery incomplete: ${STAGING_ACCOUNT}/ap-southeast-2: AccessDenied`,
      ),
    ).toBeVisible();
    // The complete listing gets no line.
    expect(within(card).queryByText(/eu-west-1: /)).not.toBeInTheDocument();
  });

  it('says when discovery is turned off and which setting turns it on', async () => {
    const api = pageApi({ enabled: false, clusters: [], listings: [] });
    await renderPage(api);
    const card = await unclaimedCard();

    expect(
      await within(card).findByText(/Discovery is turned off/),
    ).toBeVisible();
    expect(within(card).getByText('eksEncryption.discovery')).toBeVisible();
    expect(card.querySelector('table')).toBeNull();
  });

  it('says so when every discovered cluster is claimed', async () => {
    const api = pageApi({
      enabled: true,
      clusters: [],
      listings: unclaimedDiscovery.listings,
    });
    await renderPage(api);
    const card = await unclaimedCard();

    expect(
      await within(card).findByText(/^No unclaimed clusters/),
    ).toBeVisible();
    // An empty table may still miss clusters an incomplete listing hid.
    expect(
      within(card).getByText(/^discovery incomplete: /),
    ).toBeInTheDocument();
  });

  it('shows an error of the discovery API in the view', async () => {
    const api = pageApi();
    api.getDiscovery.mockRejectedValue(new Error('discovery unavailable'));
    await renderPage(api);
    const card = await unclaimedCard();

    expect(
      await within(card).findByText('Could not load the unclaimed clusters'),
    ).toBeVisible();
    expect(
      (await within(card).findAllByText(/discovery unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(card.querySelector('table')).toBeNull();
  });
});
