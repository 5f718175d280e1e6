import { createContext } from 'react';
import type { OwnerRollup } from '../../api';

/**
 * The page's owner rollups, for the clusters table's owner filter; empty until
 * they arrive. A context rather than a prop: the owners arriving then renders
 * the filter alone, not the clusters card and every row in it.
 */
export const OwnerRollupsContext = createContext<OwnerRollup[]>([]);
