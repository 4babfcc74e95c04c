import type { FieldProblem } from '../validate.js';
import type { SharedMessages } from './types.js';

/**
 * One field problem in words, e.g. "상품명이 너무 깁니다: 52바이트 / 최대 50바이트".
 * Takes one language's table, so a bundle carries only the languages it loads.
 */
export function describeProblem(problem: FieldProblem, messages: SharedMessages): string {
  return messages.problems[problem.code]({ ...problem.params, label: messages.fields[problem.field] ?? problem.field });
}
