/** A registration the KICC emulator accepts, as our adapter sends it (server/providers/kicc-wire.ts). */

import { EMULATOR_CREDENTIALS } from '../server/emulators/index.js';
import { KICC_PATHS, type RegisterBody } from '../server/providers/kicc/wire.js';

export const KICC_REGISTER_PATH = `/emulator/kicc${KICC_PATHS.register}`;
export const KICC_CONTENT_TYPE = 'application/json; charset=utf-8';

/** What every benchmark asks for: the README's example link. */
export const LINK_REQUEST = { amount: 15000, goodsName: '아메리카노 2잔' };

/** Order numbers are single-use at the provider: unique across this run. */
const prefix = `B${Date.now().toString(36)}`;
let counter = 0;
export const nextOrderNo = () => `${prefix}-${++counter}`;

export function kiccRegistration(shopOrderNo: string): RegisterBody {
  const { amount, goodsName } = LINK_REQUEST;
  return {
    directRegInfo: {
      mallId: EMULATOR_CREDENTIALS.kicc.mallId,
      regTxtype: '52',
      regSubtype: '10',
      amount,
      currency: '00',
      payCode: '00',
      installmentMonth: '00',
    },
    directOrderInfo: { shopOrderNo, goodsName, goodsAmount: amount },
  };
}
