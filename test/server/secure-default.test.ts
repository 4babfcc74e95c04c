import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.js';
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';

const { mallId, mallName, senderNo, secretKey } = EMULATOR_CREDENTIALS.kicc;
const REAL_KICC = {
  KICC_API_BASE: 'https://testpgapi.easypay.co.kr',
  KICC_MALL_ID: mallId,
  KICC_MALL_NAME: mallName,
  KICC_SENDER_NO: senderNo,
  KICC_SECRET_KEY: secretKey,
};
const REAL_PAYWELCOME = {
  PAYWELCOME_API_BASE: 'https://tpayapi.paywelcome.co.kr',
  PAYWELCOME_MID: 'welcometst',
  PAYWELCOME_MKEY: EMULATOR_CREDENTIALS.paywelcome.mkey,
  PAYWELCOME_SIGN_KEY: EMULATOR_CREDENTIALS.paywelcome.signKey,
};
const SECRET = 'a-widget-secret-of-enough-length-1234';

describe('secure by default', () => {
  it('refuses a real gateway without token auth, and says why and what to set', () => {
    for (const env of [REAL_KICC, REAL_PAYWELCOME]) {
      expect(() => parseConfig(env)).toThrow(ConfigError);
      expect(() => parseConfig(env)).toThrow(/WIDGET_TOKEN_SECRET.*\n.*anyone who can reach this server[\s\S]*ALLOW_OPEN_API=true/);
    }
  });

  it('starts with a widget token secret, or with ALLOW_OPEN_API=true set on purpose', () => {
    expect(parseConfig({ ...REAL_KICC, WIDGET_TOKEN_SECRET: SECRET }).widgetTokenSecret).toBe(SECRET);
    expect(parseConfig({ ...REAL_KICC, ALLOW_OPEN_API: 'true' }).widgetTokenSecret).toBeUndefined();
    expect(() => parseConfig({ ...REAL_KICC, ALLOW_OPEN_API: 'false' })).toThrow(ConfigError);
  });

  it('runs the emulated demo open, with no configuration at all', () => {
    expect(parseConfig({}).widgetTokenSecret).toBeUndefined();
  });

  it('refuses a token secret shorter than 32 characters, naming the variable', () => {
    expect(() => parseConfig({ WIDGET_TOKEN_SECRET: 'short' })).toThrow(/WIDGET_TOKEN_SECRET: at least 32 characters/);
  });

  it('documents its rate limits as count/window and refuses anything else', () => {
    const { rateLimits } = parseConfig({});
    expect(rateLimits).toEqual({
      linksPerIp: [{ count: 30, windowMs: 60_000 }],
      smsPerPhone: [{ count: 3, windowMs: 600_000 }, { count: 10, windowMs: 86_400_000 }],
      smsTotal: [{ count: 500, windowMs: 86_400_000 }],
    });
    expect(parseConfig({ RATE_LIMIT_SMS_PER_PHONE: '1/30s' }).rateLimits.smsPerPhone).toEqual([{ count: 1, windowMs: 30_000 }]);
    for (const bad of ['3', '3/10', '0/1m', '3/10y', '3/10m,']) {
      expect(() => parseConfig({ RATE_LIMIT_SMS_PER_PHONE: bad })).toThrow(/RATE_LIMIT_SMS_PER_PHONE/);
    }
  });

  it('stops `npm start` with that message and exit code 1', async () => {
    const started = promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, ...REAL_KICC, PORT: '0', WIDGET_TOKEN_SECRET: '', ALLOW_OPEN_API: '' },
      timeout: 15_000,
    });
    await expect(started).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Refusing to start: KICC_API_BASE') });
  });
});
