// Beside examples/react in the scratch project: what the generated JSX types refuse (tsc fails on an unused @ts-expect-error).
import '@pay-link/element';

const onCopied = (event: CustomEvent<{ url: string }>) => event.detail.url;

export const wrong = [
  // @ts-expect-error amount is a number
  <pay-link-request endpoint="/pay-link" amount="15000" />,
  // @ts-expect-error mode is form or pos
  <pay-link-request endpoint="/pay-link" mode="kiosk" />,
  // @ts-expect-error a created event carries the link, not a url
  <pay-link-request endpoint="/pay-link" onpay-link-created={onCopied} />,
];
