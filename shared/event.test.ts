import { describe, expect, it } from 'vitest';
import { Emitter } from './event';

describe('Emitter', () => {
  it('calls each listener in order until it is removed', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    const stopA = emitter.event((n) => heard.push(`a${n}`));
    emitter.event((n) => heard.push(`b${n}`));
    emitter.fire(1);
    stopA();
    emitter.fire(2);
    expect(heard).toEqual(['a1', 'b1', 'b2']);
    expect(emitter.hasListeners()).toBe(true);
  });
});
