import { Text } from '@backstage/ui';
import type { DiscoveryListing } from '../../api';
import { useEksTranslation } from '../shared/format';

/**
 * One line per account and region whose last listing failed: clusters there
 * may be missing from the table, so an empty table is not proof of none.
 */
export function IncompleteListings(props: { listings: DiscoveryListing[] }) {
  const { t } = useEksTranslation();
  const incomplete = props.listings.filter(listing => !listing.complete);
  if (incomplete.length === 0) return null;
  return (
    <ul
      aria-label={t('unclaimed.incompleteListings')}
      style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}
    >
      {incomplete.map(({ accountId, region, reason }) => (
        <li key={`${accountId}/${region}`}>
          <Text as="span" variant="body-medium" color="danger">
            {t('unclaimed.incompleteListing', {
              accountId,
              region,
              reason: reason ?? t('unclaimed.reasonUnknown'),
            })}
          </Text>
        </li>
      ))}
    </ul>
  );
}
