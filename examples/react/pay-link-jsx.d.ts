/**
 * What a TypeScript merchant adds by hand so JSX knows the element: its
 * attributes and properties, and its events as `on<event-name>` props.
 */

import type { HTMLAttributes } from 'react';
import type { PayLinkEvent, PayLinkEventName, PayLinkRequest } from 'pay-link/widget';

type Listeners = { [K in PayLinkEventName as `on${K}`]?: (event: PayLinkEvent<K>) => void };

type PayLinkRequestProps = HTMLAttributes<PayLinkRequest> &
  Listeners &
  Partial<Pick<PayLinkRequest, 'endpoint' | 'provider' | 'amount' | 'phone' | 'delivery' | 'mode' | 'token'>> & {
    'goods-name'?: string;
    'order-id'?: string;
    readonly?: boolean;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'pay-link-request': PayLinkRequestProps;
    }
  }
}
