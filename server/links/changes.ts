/**
 * Link changes as they happen, for live push. Every change goes through the
 * store, so the store is wrapped once here and nothing else has to remember
 * to publish.
 */

import { EventEmitter } from 'node:events';
import type { LinkRecord, Store } from '../store/store.js';

/** Event names no link id can take. */
const EVERY_LINK = Symbol('every link');
const MISSED = Symbol('missed');

export class LinkChanges {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(link: LinkRecord) {
    this.emitter.emit(link.id, link);
    this.emitter.emit(EVERY_LINK, link);
  }

  /** Calls `listener` with each new version of link `id`; returns the unsubscribe. */
  subscribe(id: string, listener: (link: LinkRecord) => void): () => void {
    this.emitter.on(id, listener);
    return () => this.emitter.off(id, listener);
  }

  /** Calls `listener` with each new version of any link; returns the unsubscribe. */
  subscribeAll(listener: (link: LinkRecord) => void): () => void {
    this.emitter.on(EVERY_LINK, listener);
    return () => this.emitter.off(EVERY_LINK, listener);
  }

  /** Says that changes made elsewhere may have been missed (the change feed was down), so followers of many links read afresh. */
  missed() {
    this.emitter.emit(MISSED);
  }

  /** Calls `listener` whenever changes may have been missed; returns the unsubscribe. */
  onMissed(listener: () => void): () => void {
    this.emitter.on(MISSED, listener);
    return () => this.emitter.off(MISSED, listener);
  }
}

/** `store`, publishing every link it changes to `changes`. */
export function publishingStore(store: Store, changes: LinkChanges): Store {
  return {
    ...store,
    async updateLink(id, patch, event, from, options) {
      const link = await store.updateLink(id, patch, event, from, options);
      if (link) changes.publish(link);
      return link;
    },
    async recordNotification(record, decide) {
      const result = await store.recordNotification(record, decide);
      if (!result.duplicate && result.link) changes.publish(result.link);
      return result;
    },
    async eraseCustomerData(id, when, event) {
      const link = await store.eraseCustomerData(id, when, event);
      if (link) changes.publish(link);
      return link;
    },
  };
}
