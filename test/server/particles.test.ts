/** Korean particles chosen from the word's last sound (core/particles.ts), as staff and customers read them. */

import { describe, expect, it } from 'vitest';
import { describeProblem, MESSAGES } from '../../core/messages/index.js';
import { withParticle } from '../../core/particles.js';
import type { FieldCode } from '../../core/validate.js';

describe('withParticle', () => {
  it('follows the last syllable’s final consonant', () => {
    expect(withParticle('커피', '을/를')).toBe('커피를');
    expect(withParticle('케이크', '을/를')).toBe('케이크를');
    expect(withParticle('딸기 케이크 한 판', '을/를')).toBe('딸기 케이크 한 판을');
    expect(withParticle('금액', '을/를')).toBe('금액을');
    expect(withParticle('상품명', '이/가')).toBe('상품명이');
    expect(withParticle('주문번호', '이/가')).toBe('주문번호가');
    expect(withParticle('똠', '이/가')).toBe('똠이');
    expect(withParticle('결제사', '은/는')).toBe('결제사는');
    expect(withParticle('링크', '과/와')).toBe('링크와');
  });

  it('takes 로 after a vowel or ㄹ, 으로 after any other final consonant', () => {
    expect(withParticle('페이웰컴', '으로/로')).toBe('페이웰컴으로');
    expect(withParticle('문자', '으로/로')).toBe('문자로');
    expect(withParticle('서울', '으로/로')).toBe('서울로');
    expect(withParticle('KICC 이지페이', '으로/로')).toBe('KICC 이지페이로');
  });

  it('reads Latin letters and digits as Koreans do', () => {
    expect(withParticle('KICC', '으로/로')).toBe('KICC로');
    expect(withParticle('PayWelcome', '을/를')).toBe('PayWelcome을');
    expect(withParticle('Visa', '이/가')).toBe('Visa가');
    expect(withParticle('POS 3', '으로/로')).toBe('POS 3으로');
    expect(withParticle('POS 7', '으로/로')).toBe('POS 7로');
  });

  it('writes both when the ending cannot be read, rather than guess', () => {
    expect(withParticle('🍰', '을/를')).toBe('🍰을(를)');
    expect(withParticle('', '이/가')).toBe('이(가)');
  });
});

describe('the shared problem texts', () => {
  const ko = (field: string, code: FieldCode, params?: Record<string, string | number>) => describeProblem({ field, code, params }, MESSAGES.ko);

  it('take the particle each field name and quoted character needs, never both written out', () => {
    expect(ko('amount', 'required')).toBe('금액을 입력해 주세요.');
    expect(ko('goodsName', 'required')).toBe('상품명을 입력해 주세요.');
    expect(ko('orderId', 'required')).toBe('주문번호를 입력해 주세요.');
    expect(ko('goodsName', 'too_long', { bytes: 52, limit: 50 })).toBe('상품명이 너무 깁니다: 52바이트 / 최대 50바이트 (한글은 한 글자에 2바이트).');
    expect(ko('expiresAt', 'invalid_date')).toBe('만료 시각이 올바른 날짜가 아닙니다.');
    expect(ko('amount', 'not_integer')).toBe('금액은 원 단위 정수로 입력해 주세요. 소수점이나 지수 표기는 쓸 수 없습니다.');
    expect(ko('goodsName', 'legacy_charset', { chars: '똠' })).toBe('상품명의 “똠”은 일부 결제 화면에서 깨져 보일 수 있습니다.');
    expect(ko('goodsName', 'forbidden_char', { char: '<' })).toBe('상품명에 쓸 수 없는 문자 “<”이(가) 있습니다.');
    // A character with no Korean reading keeps the written convention.
    expect(ko('goodsName', 'unencodable', { char: '🍰' })).toBe('상품명에 결제사가 받을 수 없는 문자 “🍰”이(가) 있습니다.');
    const all = Object.values(MESSAGES.ko.fields).flatMap((label) => [ko(label, 'required'), ko(label, 'too_long', { bytes: 1, limit: 0 }), ko(label, 'token_mismatch')]);
    expect(all.filter((text) => /\((를|가|는|로)\)/.test(text))).toEqual([]);
  });
});
