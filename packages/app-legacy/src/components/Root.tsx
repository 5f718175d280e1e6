import { PropsWithChildren } from 'react';
import LockIcon from '@material-ui/icons/Lock';
import {
  CatalogIcon,
  Sidebar,
  SidebarItem,
  SidebarPage,
} from '@backstage/core-components';

export const Root = ({ children }: PropsWithChildren<{}>) => (
  <SidebarPage>
    <Sidebar>
      <SidebarItem icon={CatalogIcon} to="catalog" text="Catalog" />
      <SidebarItem icon={LockIcon} to="eks-encryption" text="EKS Encryption" />
    </Sidebar>
    {children}
  </SidebarPage>
);
