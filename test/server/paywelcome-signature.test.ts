import { describe, expect, it } from 'vitest';
import reference from '../fixtures/reference-values.json' with { type: 'json' };
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';
import { makeUrlSignature, mkeyFromSignKey, notificationSignature, signaturesEqual } from '../../server/providers/paywelcome/signature.js';

describe('PayWelcome signatures', () => {
  it('signs makeUrl as the hand-computed sha256(mid + mkey + P_OID + P_AMT + timestamp)', () => {
    const { mid, mkey, P_OID, P_AMT, timestamp } = reference.paywelcomeSignature.input;
    expect(makeUrlSignature({ mid, mkey, oid: P_OID, amount: P_AMT, timestamp })).toBe(reference.paywelcomeSignature.expected);
  });

  it('derives the mkey from the sign key as sha256 hex, as the emulator credentials do', () => {
    const { signKey, expected } = reference.paywelcomeMkeyFromSignKey;
    expect(mkeyFromSignKey(signKey)).toBe(expected);
    expect(mkeyFromSignKey(EMULATOR_CREDENTIALS.paywelcome.signKey)).toBe(EMULATOR_CREDENTIALS.paywelcome.mkey);
  });

  it('signs notifications with our assumed sha256(mid + signKey + orderId + amount + transType)', () => {
    // Computed outside the project: hashlib.sha256(b"welcometst" + signKey + b"ORD20261125-0001" + b"15000" + b"00").
    const signature = notificationSignature({
      mid: 'welcometst',
      signKey: reference.paywelcomeMkeyFromSignKey.signKey,
      orderId: 'ORD20261125-0001',
      amount: '15000',
      transType: '00',
    });
    expect(signature).toBe('1376a952c8114d0d1423ed54c73b50250e89272c6a5d293d6d72f89acbc0a5e1');
  });

  it('compares signatures exactly, and a shorter one is simply unequal', () => {
    const expected = reference.paywelcomeSignature.expected;
    expect(signaturesEqual(expected, expected)).toBe(true);
    expect(signaturesEqual(expected.replace(/^c/, 'd'), expected)).toBe(false);
    expect(signaturesEqual(expected.toUpperCase(), expected)).toBe(false);
    expect(signaturesEqual(expected.slice(1), expected)).toBe(false);
    expect(signaturesEqual('', expected)).toBe(false);
  });
});
