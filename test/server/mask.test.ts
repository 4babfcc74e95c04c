import { describe, expect, it } from 'vitest';
import { maskEmail, maskName } from '../../core/mask.js';

describe('a customer’s name as others see it', () => {
  it.each([
    ['김철수', '김*수'],
    ['남궁민수', '남**수'],
    ['김수', '김*'],
    ['김', '*'],
    [' 이영희 ', '이*희'],
    ['John Smith', 'J********h'],
    ['𠮷野家', '𠮷*家'],
  ])('%s reads %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe('a customer’s email as others see it', () => {
  it.each([
    ['abcdef@example.com', 'ab***@example.com'],
    ['ab@example.com', 'a***@example.com'],
    ['a@example.com', '***@example.com'],
    ['first.last+tag@mail.example.co.kr', 'fi***@mail.example.co.kr'],
    ['not-an-email', '***'],
  ])('%s reads %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});
