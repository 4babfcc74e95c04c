/** A server-sent event stream read over real HTTP, as a test follows it: every event kept, in order. */

export interface SseEvent {
  event: string;
  data: string;
}

export interface EventStream {
  status: number;
  /** The refusal's body, when the status is not 200. */
  body: string;
  events: SseEvent[];
  /** The `link` events' data, parsed. */
  links<T = unknown>(): T[];
  /** Waits until `check` holds for the events so far; fails after `ms`. */
  until(check: (events: SseEvent[]) => boolean, what: string, ms?: number): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const events: SseEvent[] = [];
  let body = '';
  let ended: Promise<void> = Promise.resolve();
  if (response.status === 200) {
    ended = (async () => {
      let buffer = '';
      try {
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          buffer += read.value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event !== undefined && data !== undefined) events.push({ event, data });
          }
        }
      } catch {
        // Closed by the test.
      }
    })();
  } else {
    body = await response.text();
  }
  return {
    status: response.status,
    body,
    events,
    links: <T>() => events.filter((event) => event.event === 'link').map((event) => JSON.parse(event.data) as T),
    async until(check, what, ms = 5000) {
      const giveUpAt = Date.now() + ms;
      while (!check(events)) {
        if (Date.now() > giveUpAt) throw new Error(`timed out waiting for ${what}; events so far: ${events.map((e) => `${e.event} ${e.data.slice(0, 80)}`).join(' | ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    ended,
    close: () => abort.abort(),
  };
}
