/**
 * The customer's phone for the demo: the texts the emulated KICC sent, newest
 * first, with their links tappable. Polls the emulator's outbox.
 */

interface Sms {
  to: string;
  text: string;
  at: number;
}

const inbox = document.querySelector<HTMLOListElement>('#inbox')!;
const empty = document.querySelector<HTMLElement>('#empty')!;
let shown = 0;

function bubble(sms: Sms): HTMLLIElement {
  const item = document.createElement('li');
  const time = new Date(sms.at).toLocaleTimeString('ko-KR', { hour: '2-digit', minute: '2-digit' });
  for (const part of sms.text.split(/(https?:\/\/\S+)/)) {
    if (/^https?:\/\//.test(part)) item.append(Object.assign(document.createElement('a'), { href: part, textContent: part }));
    else item.append(part);
  }
  item.append(Object.assign(document.createElement('small'), { textContent: `${sms.to} · ${time}` }));
  return item;
}

async function refresh() {
  try {
    const response = await fetch('emulator/kicc/_sms');
    const messages = (await response.json()) as Sms[];
    for (const sms of messages.slice(shown)) inbox.prepend(bubble(sms));
    shown = messages.length;
    empty.hidden = shown > 0;
  } finally {
    setTimeout(refresh, 2000);
  }
}

void refresh();
