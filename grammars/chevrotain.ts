/**
 * chevrotain's values, loaded from the single-file build its package ships: the package's entry
 * point loads chevrotain as some six hundred modules (lodash-es), about 0.8 s of every run's
 * start-up, the build the same code in 40 ms. Types come from the package as usual.
 */
import type * as Chevrotain from 'chevrotain';

const entry = import.meta.resolve('chevrotain');
const chevrotain = (await import(new URL('../chevrotain.mjs', entry).href)) as typeof Chevrotain;

export const { createToken, EmbeddedActionsParser, Lexer } = chevrotain;
