/** Korean particles chosen from the word's last sound (core/particles.ts), as staff and customers read them. */

import { describe, expect, it } from 'vitest';
import { withParticle } from '../../core/particles.js';

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
