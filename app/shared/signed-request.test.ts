import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlCommand, parametersProblem, shellQuote } from './signed-request.ts';

describe('shellQuote', () => {
  it('gives the shell back exactly the word', () => {
    for (const word of ["it's", 'a b', '$HOME `x` "q" \\ ;&|', 'plain', '', 'X-Twilio-Signature: a+b/c=']) {
      expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(word)}`], { encoding: 'utf8' })).toBe(word);
    }
  });
});

describe('curlCommand', () => {
  it('sends POST parameters as the form body they were signed with', () => {
    expect(
      curlCommand({ url: 'http://s-1.localhost:3000/f', method: 'POST', params: [['A', "x y'z"]], signature: 's=' }),
    ).toBe(`curl -sS -i -H 'X-Twilio-Signature: s=' --data-raw A=x+y%27z http://s-1.localhost:3000/f`);
  });

  it('writes a binary answer to a file', () => {
    expect(
      curlCommand({ url: 'http://h/a b.jpg', method: 'GET', params: [], signature: 's', outputFile: 'a b.jpg' }),
    ).toBe(`curl -sS -D - -o 'a b.jpg' -H 'X-Twilio-Signature: s' 'http://h/a b.jpg'`);
  });
});

describe('parametersProblem', () => {
  it('takes a list of [key, value] string pairs, bounded', () => {
    expect(
      parametersProblem([
        ['a', '1'],
        ['a', '2'],
      ]),
    ).toBeNull();
    expect(parametersProblem({ a: '1' })).toMatch(/JSON array/);
    expect(parametersProblem([['', 'x']])).toMatch(/key must not be empty/);
    expect(parametersProblem([['a', 1]])).toMatch(/pair of strings/);
    expect(parametersProblem(Array.from({ length: 101 }, () => ['a', 'b']))).toMatch(/at most 100/);
    expect(parametersProblem([['a', 'x'.repeat(70_000)]])).toMatch(/characters/);
  });
});
