/**
 * A merchant's React 19 page with the element. React 19 sets a prop as the
 * element's property when it has one (`amount` arrives as a number), as an
 * attribute otherwise (`goods-name`), and `on<event-name>` adds a listener
 * for that exact event name. Their types come from @pay-link/element/react
 * (tsconfig.json), generated from the element's custom-elements.json.
 */

import { useState } from 'react';
import '@pay-link/element';
import type { PayLinkEvent } from '@pay-link/element';

type Link = PayLinkEvent<'pay-link-created'>['detail']['link'];

const ENDPOINT = import.meta.env.VITE_PAY_LINK_ENDPOINT ?? 'http://localhost:8787';

export function Checkout() {
  const [link, setLink] = useState<Link>();
  const [paid, setPaid] = useState(false);

  return (
    <main>
      <h1>주문 #1024</h1>
      <pay-link-request
        endpoint={ENDPOINT}
        provider="kicc"
        amount={15000}
        goods-name="아메리카노 2잔"
        onpay-link-created={(event) => setLink(event.detail.link)}
        onpay-link-paid={() => setPaid(true)}
      />
      <p id="order-status" role="status">
        {paid ? `Paid: ${link?.id}` : link ? `Waiting for ${link.id}` : 'No link yet'}
      </p>
    </main>
  );
}
